<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Meipi</source>
        <translation>關於 Meipi</translation>
    </message>
    <message>
        <source>Meipi 眉批</source>
        <translation>Meipi 眉批</translation>
    </message>
    <message>
        <source>An offline reading desk for close readers of Chinese-language articles.</source>
        <translation>離線閱讀桌，供細讀中文文章的研究者使用。</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Articles in this library</source>
        <translation>本文獻庫中的文章</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>two sentences</comment>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>CC-CEDICT, English definitions (published %1)</source>
        <translation>CC-CEDICT 英文釋義（%1 發布）</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>來源</translation>
    </message>
    <message>
        <source>&lt;b&gt;Dictionary&lt;/b&gt;: %1, © MDBG and the CC-CEDICT contributors, based on CEDICT by Paul Denisowski; %2 (the data and the index Meipi builds from it stay under that licence, not Meipi&apos;s). %3.</source>
        <translation>&lt;b&gt;詞典&lt;/b&gt;：%1，© MDBG 及 CC-CEDICT 的貢獻者，源自 Paul Denisowski 的 CEDICT；%2（這些資料及 Meipi 據以建立的索引仍適用該授權，而非 Meipi 的授權）。%3。</translation>
    </message>
    <message>
        <source>CC-CEDICT, English definitions</source>
        <translation>CC-CEDICT，英文釋義</translation>
    </message>
    <message>
        <source>Word segmentation: jieba (MIT). Pinyin and zhuyin: pypinyin (MIT).</source>
        <translation>分詞：jieba（MIT）。拼音與注音：pypinyin（MIT）。</translation>
    </message>
</context>
<context>
    <name>AnnotationDelegate</name>
    <message>
        <source>p. %1</source>
        <translation>頁 %1</translation>
    </message>
    <message>
        <source>pp. %1–%2</source>
        <translation>頁 %1–%2</translation>
    </message>
    <message>
        <source>(not found in the text)</source>
        <translation>（在文本中找不到）</translation>
    </message>
</context>
<context>
    <name>AnnotationDialog</name>
    <message>
        <source>Annotation</source>
        <translation>註記</translation>
    </message>
    <message>
        <source>No colour (note only)</source>
        <translation>無顏色（僅筆記）</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>&amp;Colour:</source>
        <translation>顏色(&amp;C)：</translation>
    </message>
    <message>
        <source>e.g. 中亞, 能源, 地區/北極</source>
        <translation>例如：中亞, 能源, 地區/北極</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>標籤(&amp;T)：</translation>
    </message>
    <message>
        <source>Margin note (Markdown)</source>
        <translation>旁註（Markdown）</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>筆記(&amp;N)：</translation>
    </message>
    <message>
        <source>Keep &amp;Mine</source>
        <translation>保留我的(&amp;M)</translation>
    </message>
    <message>
        <source>Keep the &amp;Other</source>
        <translation>保留另一版本(&amp;O)</translation>
    </message>
    <message>
        <source>Keep &amp;Both</source>
        <translation>兩者都保留(&amp;B)</translation>
    </message>
    <message>
        <source>Discard Changes</source>
        <translation>捨棄變更</translation>
    </message>
    <message>
        <source>Discard the changes to this annotation?</source>
        <translation>要捨棄對這則註記的變更嗎？</translation>
    </message>
</context>
<context>
    <name>AnnotationEdits</name>
    <message numerus="yes">
        <source>The text of %1 changed: %n annotation(s) could not be placed again and are kept, marked as not found in the text, in the sidebar.</source>
        <translation>
            <numerusform>%1 的文本已變更：有 %n 則註記無法重新定位，已保留並在側邊欄標示為「在文本中找不到」。</numerusform>
        </translation>
    </message>
    <message>
        <source>Annotate</source>
        <translation>加註記</translation>
    </message>
    <message>
        <source>Only white space is selected; select the words to annotate.</source>
        <translation>只選取了空白；請選取要加註記的字詞。</translation>
    </message>
    <message>
        <source>Edit Annotation</source>
        <translation>編輯註記</translation>
    </message>
    <message>
        <source>Delete Annotation</source>
        <translation>刪除註記</translation>
    </message>
    <message>
        <source>Annotation deleted — %1 undoes it.</source>
        <translation>已刪除註記 — 按 %1 可復原。</translation>
    </message>
    <message>
        <source>Undid “%1” in 《%2》, %3.</source>
        <translation>已復原《%2》%3 的「%1」。</translation>
    </message>
    <message>
        <source>Redid “%1” in 《%2》, %3.</source>
        <translation>已重做《%2》%3 的「%1」。</translation>
    </message>
    <message>
        <source>Not Saved</source>
        <translation>未儲存</translation>
    </message>
    <message>
        <source>This annotation was deleted meanwhile, so your changes were not saved. Copy your note, then select the passage and annotate it again.</source>
        <translation>這則註記已在此期間被刪除，因此您的變更未儲存。請複製您的筆記，再選取該段落重新加註記。</translation>
    </message>
    <message>
        <source>This annotation was changed elsewhere (the command line or an import) while you edited it: keep your version, the other, or both?</source>
        <translation>您編輯這則註記時，它已在別處（命令列或匯入）被修改：要保留您的版本、另一版本，還是兩者都保留？</translation>
    </message>
    <message>
        <source>no colour</source>
        <translation>無顏色</translation>
    </message>
    <message>
        <source>Other colour: %1</source>
        <translation>另一版本的顏色：%1</translation>
    </message>
    <message>
        <source>Other tags: %1</source>
        <translation>另一版本的標籤：%1</translation>
    </message>
    <message>
        <source>Other note: %1</source>
        <translation>另一版本的筆記：%1</translation>
    </message>
    <message>
        <source>Kept the version changed elsewhere; yours was not saved.</source>
        <translation>已保留在別處修改的版本；您的版本未儲存。</translation>
    </message>
    <message>
        <source>Saved both versions, yours first; %1 brings back the other alone.</source>
        <translation>已儲存兩個版本，您的在前；按 %1 可只留下另一版本。</translation>
    </message>
    <message>
        <source>Saved your version; %1 brings back the other.</source>
        <translation>已儲存您的版本；按 %1 可取回另一版本。</translation>
    </message>
    <message>
        <source>This annotation was deleted meanwhile, so your note was not saved. Copy it before closing the editor.</source>
        <translation>這則註記已在此期間被刪除，因此您的筆記未儲存。請在關閉編輯器前先複製筆記。</translation>
    </message>
    <message>
        <source>This note was changed elsewhere while you edited it: both versions are in the editor now, yours first — keep what you want and press Ctrl+Enter.</source>
        <translation>您編輯這則筆記時，它已在別處被修改：兩個版本現在都在編輯框中，您的在前 — 保留想要的內容後按 Ctrl+Enter。</translation>
    </message>
</context>
<context>
    <name>AnnotationMenus</name>
    <message>
        <source>Add or Edit &amp;Note…</source>
        <translation>新增或編輯筆記(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Tags…</source>
        <translation>標籤(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Delete Annotation</source>
        <translation>刪除註記(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>復原(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Annotations &amp;Sidebar</source>
        <translation>註記側邊欄(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Margin Notes</source>
        <translation>旁註(&amp;M)</translation>
    </message>
    <message>
        <source>Ta&amp;g Manager…</source>
        <translation>標籤管理(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Colour Meanings…</source>
        <translation>顏色含義(&amp;C)…</translation>
    </message>
    <message>
        <source>Ca&amp;ret Browsing (select with the keyboard)</source>
        <translation>插入點瀏覽(&amp;R)（用鍵盤選取）</translation>
    </message>
    <message>
        <source>Highlight %1</source>
        <translation>標示為%1</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>復原%1(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>重做%1(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Annotate</source>
        <translation>註記(&amp;A)</translation>
    </message>
</context>
<context>
    <name>AnnotationReads</name>
    <message>
        <source>Reading every article&apos;s annotations…</source>
        <translation>正在讀取所有文章的註記…</translation>
    </message>
    <message>
        <source>Reading this article&apos;s annotations…</source>
        <translation>正在讀取本篇文章的註記…</translation>
    </message>
</context>
<context>
    <name>AnnotationsFeature</name>
    <message>
        <source>Annotations</source>
        <translation>註記</translation>
    </message>
    <message>
        <source>Nothing you annotate can be saved: Meipi could not open %1 (check that you may write to its folder).</source>
        <translation>新加的註記都無法儲存：Meipi 無法開啟 %1（請檢查您是否可寫入其資料夾）。</translation>
    </message>
    <message>
        <source>Nothing you annotate can be saved: Meipi could not open %1.</source>
        <translation>新加的註記都無法儲存：Meipi 無法開啟 %1。</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>筆記</translation>
    </message>
</context>
<context>
    <name>ColorMeanings</name>
    <message>
        <source>Important</source>
        <translation>重要</translation>
    </message>
    <message>
        <source>Agree</source>
        <translation>贊同</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景資料</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>疑問</translation>
    </message>
    <message>
        <source>To quote</source>
        <translation>待引用</translation>
    </message>
</context>
<context>
    <name>ColorMeaningsDialog</name>
    <message>
        <source>Colour Meanings</source>
        <translation>顏色含義</translation>
    </message>
    <message>
        <source>What each highlight colour means to you:</source>
        <translation>各種標示顏色對您的含義：</translation>
    </message>
</context>
<context>
    <name>ColorModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>Colors</name>
    <message>
        <source>Yellow</source>
        <translation>黃色</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>綠色</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>藍色</translation>
    </message>
    <message>
        <source>Pink</source>
        <translation>粉紅色</translation>
    </message>
    <message>
        <source>Purple</source>
        <translation>紫色</translation>
    </message>
    <message>
        <source>No colour</source>
        <translation>無顏色</translation>
    </message>
    <message>
        <source>Note only</source>
        <translation>僅筆記</translation>
    </message>
</context>
<context>
    <name>CompareFeature</name>
    <message>
        <source>&amp;Compare Articles…</source>
        <translation>對照文章(&amp;C)…</translation>
    </message>
    <message>
        <source>Read two articles side by side and compare them theme by theme.</source>
        <translation>並排閱讀兩篇文章，逐一主題對照。</translation>
    </message>
    <message>
        <source>No articles to compare.</source>
        <translation>沒有可對照的文章。</translation>
    </message>
</context>
<context>
    <name>ComparePane</name>
    <message>
        <source>Left article</source>
        <translation>左側文章</translation>
    </message>
    <message>
        <source>Right article</source>
        <translation>右側文章</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>繁簡</translation>
    </message>
    <message>
        <source>p. %1</source>
        <translation>頁 %1</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Scroll &amp;together</source>
        <translation>同步捲動(&amp;T)</translation>
    </message>
    <message>
        <source>Scroll both articles by the same distance (off: each keeps its own place).</source>
        <translation>兩篇文章捲動相同的距離（關閉時各自保持位置）。</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <source>Compare Articles — Meipi</source>
        <translation>對照文章 — Meipi</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>對照(&amp;C)</translation>
    </message>
    <message>
        <source>left</source>
        <translation>左側</translation>
    </message>
    <message>
        <source>right</source>
        <translation>右側</translation>
    </message>
    <message>
        <source>&amp;Next Passage (%1)</source>
        <translation>下一段落(&amp;N)（%1）</translation>
    </message>
    <message>
        <source>&amp;Previous Passage (%1)</source>
        <translation>上一段落(&amp;P)（%1）</translation>
    </message>
    <message>
        <source>&amp;Scroll Together</source>
        <translation>同步捲動(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Find Theme</source>
        <translation>尋找主題(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>關閉(&amp;C)</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <source>Restore the Backup</source>
        <translation>還原備份</translation>
    </message>
    <message>
        <source>Not Now</source>
        <translation>暫時不要</translation>
    </message>
    <message>
        <source>an unknown number of</source>
        <translation>若干</translation>
    </message>
    <message>
        <source>Your notes cannot be opened</source>
        <translation>無法開啟您的筆記</translation>
    </message>
    <message>
        <source>%1 %2, so Meipi left it untouched.</source>
        <translation>%1 %2，因此 Meipi 未更動它。</translation>
    </message>
    <message>
        <source>this file held %1 when Meipi last read it</source>
        <translation>Meipi 上次讀取時，這個檔案有 %1 則</translation>
    </message>
    <message>
        <source>how many this file held is not known</source>
        <translation>不知道這個檔案原有多少則</translation>
    </message>
    <message>
        <source>Meipi can restore the newest verified backup, made %1, which holds %2 annotations (%3). The damaged file is kept beside it, renamed, and nothing is deleted. Until then you can read, but nothing you annotate can be saved.</source>
        <translation>Meipi 可以還原最新一份經過驗證的備份，建立於 %1，內含 %2 則註記（%3）。損壞的檔案會改名後保留在旁，不會刪除任何東西。還原之前您仍可閱讀，但新加的註記都無法儲存。</translation>
    </message>
    <message>
        <source>Start Meipi with --db naming your Meipi database, or move this file away to start a new one.</source>
        <translation>請以 --db 指定您的 Meipi 資料庫來啟動 Meipi，或將這個檔案移走以建立新的資料庫。</translation>
    </message>
    <message>
        <source>Open it with the newer Meipi that wrote it.</source>
        <translation>請用寫入它的較新版 Meipi 開啟。</translation>
    </message>
    <message>
        <source>No verified backup of it exists. Keep the file for recovery; to start a new one, quit Meipi and move the file out of its folder.</source>
        <translation>它沒有經過驗證的備份。請保留這個檔案以便修復；若要改用新的資料庫，請結束 Meipi，再把這個檔案移出所在的資料夾。</translation>
    </message>
    <message>
        <source>You can keep reading, but nothing you annotate can be saved until then.</source>
        <translation>您可以繼續閱讀，但在這件事處理好之前，新加的註記都無法儲存。</translation>
    </message>
    <message>
        <source>Meipi could not open your notes a moment ago, but the file reads correctly now, so nothing was changed.</source>
        <translation>剛才 Meipi 無法開啟您的筆記，但現在檔案可以正常讀取，因此沒有做任何變更。</translation>
    </message>
    <message>
        <source>%1 %2. It is not damaged, and nothing was changed.</source>
        <translation>%1 %2。檔案並未損壞，也沒有做任何變更。</translation>
    </message>
    <message>
        <source>Your notes could not be opened</source>
        <translation>無法開啟您的筆記</translation>
    </message>
    <message>
        <source>Meipi will read them again now.</source>
        <translation>Meipi 現在會重新讀取。</translation>
    </message>
    <message>
        <source>The backup was not restored</source>
        <translation>備份未還原</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>已還原備份</translation>
    </message>
    <message>
        <source>Your notes were restored from %1.</source>
        <translation>已從 %1 還原您的筆記。</translation>
    </message>
    <message>
        <source>The previous file was kept as %1; nothing was deleted.</source>
        <translation>原檔案已保留為 %1；沒有刪除任何東西。</translation>
    </message>
    <message>
        <source>1 annotation in it is newer than the backup. To bring it back: meipi export --db %1 --format json -o set-aside.json, then meipi import-annotations set-aside.json.</source>
        <translation>其中有 1 則註記比備份新。要取回它：meipi export --db %1 --format json -o set-aside.json，再執行 meipi import-annotations set-aside.json。</translation>
    </message>
    <message>
        <source>%1 annotations in it are newer than the backup. To bring them back: meipi export --db %2 --format json -o set-aside.json, then meipi import-annotations set-aside.json.</source>
        <translation>其中有 %1 則註記比備份新。要取回它們：meipi export --db %2 --format json -o set-aside.json，再執行 meipi import-annotations set-aside.json。</translation>
    </message>
    <message>
        <source>1 of your texts was put back as the backup had it.</source>
        <translation>已將您的 1 篇文本還原為備份時的內容。</translation>
    </message>
    <message>
        <source>%1 of your texts were put back as the backup had them.</source>
        <translation>已將您的 %1 篇文本恢復為備份時的內容。</translation>
    </message>
    <message>
        <source>A text had changed since the backup (its details edited, or replaced by an import); the restore undid that and kept the version it had. To put it back:</source>
        <translation>有 1 篇文本在備份後變更過（編輯了詳細資料，或以匯入取代）；還原復原了這些變更，並保留了它當時的版本。要放回它：</translation>
    </message>
    <message>
        <source>%1 texts had changed since the backup (their details edited, or replaced by an import); the restore undid that and kept the versions they had. To put them back:</source>
        <translation>有 %1 篇文本在備份後變更過（編輯了詳細資料，或以匯入取代）；還原復原了這些變更，並保留了它們當時的版本。要放回它們：</translation>
    </message>
</context>
<context>
    <name>DialogsFeature</name>
    <message>
        <source>&amp;Import Text…</source>
        <translation>匯入文本(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>匯出(&amp;E)…</translation>
    </message>
    <message>
        <source>Text &amp;Details…</source>
        <translation>文本資訊(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Remove Text…</source>
        <translation>移除文本(&amp;R)…</translation>
    </message>
    <message>
        <source>Copy with &amp;Citation</source>
        <translation>複製並附出處(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected passage, as this view shows it, with its source and page.</source>
        <translation>依目前檢視的樣子複製選取的段落，並附上出處與頁碼。</translation>
    </message>
    <message>
        <source>Only texts you imported can be edited or removed.</source>
        <translation>只有您匯入的文本才能編輯或移除。</translation>
    </message>
    <message>
        <source>Import Text</source>
        <translation>匯入文本</translation>
    </message>
    <message>
        <source>Texts (%1);;All files (*)</source>
        <translation>文本（%1）;;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在讀取 %1…</translation>
    </message>
    <message>
        <source>Reading %1: page %2 of %3…</source>
        <translation>正在讀取 %1：第 %2 頁，共 %3 頁…</translation>
    </message>
    <message>
        <source>Password Needed</source>
        <translation>需要密碼</translation>
    </message>
    <message>
        <source>%1 is protected by a password. Type it to import the PDF:</source>
        <translation>%1 受密碼保護。請輸入密碼以匯入這份 PDF：</translation>
    </message>
    <message>
        <source>That password does not open %1. Try again:</source>
        <translation>這個密碼無法開啟 %1。請再試一次：</translation>
    </message>
    <message>
        <source>Cannot Import %1</source>
        <translation>無法匯入 %1</translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation>已匯入 %1。</translation>
    </message>
    <message>
        <source>One file at a time: importing %1.</source>
        <translation>一次只能匯入一個檔案：正在匯入 %1。</translation>
    </message>
    <message>
        <source>Select a passage to copy it with its citation.</source>
        <translation>請先選取段落，才能連同出處一起複製。</translation>
    </message>
    <message>
        <source>Copied with its citation.</source>
        <translation>已連同出處複製。</translation>
    </message>
    <message>
        <source>The text&apos;s details were saved.</source>
        <translation>文本資訊已儲存。</translation>
    </message>
    <message>
        <source>Its annotations (%1) stay in your database as orphans: importing the text again with the id %2 brings them back.</source>
        <translation>它的註記（%1 則）會以孤立註記的形式留在您的資料庫中：以代號 %2 重新匯入這份文本即可找回。</translation>
    </message>
    <message>
        <source>Any annotations on it stay in your database as orphans.</source>
        <translation>它上面的註記都會以孤立註記的形式留在您的資料庫中。</translation>
    </message>
    <message>
        <source>Remove Text</source>
        <translation>移除文本</translation>
    </message>
    <message>
        <source>Remove “%1” from your library?</source>
        <translation>要從文獻庫移除「%1」嗎？</translation>
    </message>
    <message>
        <source>The file %1 will be deleted.</source>
        <translation>檔案 %1 將被刪除。</translation>
    </message>
    <message>
        <source>The file %1 will be deleted, with the PDF it was imported from and its page data.</source>
        <translation>檔案 %1 將被刪除，連同匯入來源的 PDF 及其頁面資料。</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>two sentences</comment>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Cannot Remove the Text</source>
        <translation>無法移除文本</translation>
    </message>
    <message>
        <source>The text was removed.</source>
        <translation>已移除文本。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Markdown, per article</source>
        <translation>Markdown，每篇文章一份</translation>
    </message>
    <message>
        <source>Comparison, theme by theme</source>
        <translation>對照，逐一主題</translation>
    </message>
    <message>
        <source>W3C Web Annotation JSON</source>
        <translation>W3C Web Annotation JSON</translation>
    </message>
    <message>
        <source>CSV spreadsheet</source>
        <translation>CSV 試算表</translation>
    </message>
    <message>
        <source>References, CSL-JSON (Zotero, Pandoc)</source>
        <translation>參考文獻，CSL-JSON（Zotero、Pandoc）</translation>
    </message>
    <message>
        <source>References, BibTeX</source>
        <translation>參考文獻，BibTeX</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>CSL-JSON (*.json)</source>
        <translation>CSL-JSON (*.json)</translation>
    </message>
    <message>
        <source>BibTeX (*.bib)</source>
        <translation>BibTeX (*.bib)</translation>
    </message>
    <message>
        <source>Export Annotations</source>
        <translation>匯出註記</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Articles:</source>
        <translation>文章(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>標籤(&amp;T)：</translation>
    </message>
    <message>
        <source>None checked: every tag. A tag includes its sub-tags.</source>
        <translation>全不勾選即為所有標籤。標籤包含其子標籤。</translation>
    </message>
    <message>
        <source>&amp;Colours:</source>
        <translation>顏色(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Script:</source>
        <translation>繁簡(&amp;S)：</translation>
    </message>
    <message>
        <source>Article sections</source>
        <translation>文章章節</translation>
    </message>
    <message>
        <source>Tags (themes)</source>
        <translation>標籤（主題）</translation>
    </message>
    <message>
        <source>&amp;Group by:</source>
        <translation>分組方式(&amp;G)：</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>顏色</translation>
    </message>
    <message>
        <source>Themes &amp;by:</source>
        <translation>主題依據(&amp;B)：</translation>
    </message>
    <message>
        <source>Show the &amp;original of each substituted phrase</source>
        <translation>顯示每個替換詞語的原文(&amp;O)</translation>
    </message>
    <message>
        <source>局部〔原文：區域性〕: a converted phrase carries the author&apos;s own words.</source>
        <translation>局部〔原文：區域性〕：轉換後的詞語附上作者原本的用字。</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>預覽</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>複製(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>儲存(&amp;S)…</translation>
    </message>
    <message>
        <source>Notes without colour</source>
        <translation>無顏色的筆記</translation>
    </message>
    <message>
        <source>Check at least one article.</source>
        <translation>請至少勾選一篇文章。</translation>
    </message>
    <message>
        <source>A comparison needs two or more articles: check another one.</source>
        <translation>對照需要兩篇以上的文章：請再勾選一篇。</translation>
    </message>
    <message>
        <source>Reading the annotations…</source>
        <translation>正在讀取註記…</translation>
    </message>
    <message>
        <source>The annotations could not be read: %1</source>
        <translation>無法讀取註記：%1</translation>
    </message>
    <message>
        <source>Annotations in this export: %1.</source>
        <translation>本次匯出的註記：%1 則。</translation>
    </message>
    <message numerus="yes">
        <source>Left out %n text(s) with no matching annotation.</source>
        <translation>
            <numerusform>略去 %n 篇沒有符合條件註記的文本。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s) kept for texts no longer in the library (%1) cannot be exported: import a text again with its id to bring them back.</source>
        <translation>
            <numerusform>已移出文獻庫的文本（%1）仍保留 %n 則註記，無法匯出：以原識別碼重新匯入該文本即可找回。</numerusform>
        </translation>
    </message>
    <message>
        <source>Creator: %1.</source>
        <translation>建立者：%1。</translation>
    </message>
    <message>
        <source>No creator set (meipi config creator NAME).</source>
        <translation>未設定建立者（meipi config creator 姓名）。</translation>
    </message>
    <message>
        <source>The preview shows the beginning; Save and Copy take the whole export.</source>
        <translation>預覽只顯示開頭；儲存與複製會包含完整的匯出內容。</translation>
    </message>
    <message>
        <source>The annotation database could not be opened: %1</source>
        <translation>無法開啟註記資料庫：%1</translation>
    </message>
    <message>
        <source>The export could not be made: %1</source>
        <translation>無法產生匯出內容：%1</translation>
    </message>
    <message>
        <source>Cannot Copy</source>
        <translation>無法複製</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>已複製到剪貼簿。</translation>
    </message>
    <message>
        <source>Save Export</source>
        <translation>儲存匯出內容</translation>
    </message>
    <message>
        <source>Cannot Save the Export</source>
        <translation>無法儲存匯出內容</translation>
    </message>
    <message>
        <source>%1 could not be written (%2); nothing was saved.</source>
        <translation>無法寫入 %1（%2）；沒有儲存任何內容。</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>已儲存至 %1。</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find:</source>
        <translation>尋找：</translation>
    </message>
    <message>
        <source>一带一路, 一帶一路, ＮＡＴＯ… any script</source>
        <translation>一带一路、一帶一路、ＮＡＴＯ… 繁簡皆可</translation>
    </message>
    <message>
        <source>Previous hit (Shift+Enter, Shift+F3)</source>
        <translation>上一個結果（Shift+Enter、Shift+F3）</translation>
    </message>
    <message>
        <source>Next hit (Enter, F3)</source>
        <translation>下一個結果（Enter、F3）</translation>
    </message>
    <message>
        <source>&amp;All articles</source>
        <translation>所有文章(&amp;A)</translation>
    </message>
    <message>
        <source>List the hits in every article</source>
        <translation>列出所有文章中的搜尋結果</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>關閉（Esc）</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>關閉尋找列</translation>
    </message>
</context>
<context>
    <name>Finder</name>
    <message>
        <source>Find</source>
        <translation>尋找</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>尋找(&amp;F)…</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>尋找下一個(&amp;N)</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>尋找上一個(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Search All Articles…</source>
        <translation>搜尋所有文章(&amp;S)…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜尋…</translation>
    </message>
    <message>
        <source>Not in this article</source>
        <translation>本文中沒有</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>找不到</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 處，共 %2 處</translation>
    </message>
    <message>
        <source>Searching all articles…</source>
        <translation>正在搜尋所有文章…</translation>
    </message>
</context>
<context>
    <name>FontCheck</name>
    <message>
        <source>Install the Noto CJK fonts: on Debian or Ubuntu, &lt;code&gt;sudo apt install fonts-noto-cjk&lt;/code&gt;; on Fedora, &lt;code&gt;sudo dnf install google-noto-serif-cjk-fonts&lt;/code&gt;; elsewhere, the Noto Serif CJK fonts.</source>
        <translation>請安裝 Noto CJK 字型：Debian 或 Ubuntu 上執行 &lt;code&gt;sudo apt install fonts-noto-cjk&lt;/code&gt;；Fedora 上執行 &lt;code&gt;sudo dnf install google-noto-serif-cjk-fonts&lt;/code&gt;；其他系統請安裝 Noto Serif CJK 字型。</translation>
    </message>
    <message>
        <source>Install the Noto Serif CJK fonts (free, from Google Fonts).</source>
        <translation>請安裝 Noto Serif CJK 字型（免費，可從 Google Fonts 取得）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;No installed font can show Chinese text&lt;/b&gt;, so the article would appear as empty boxes. {how} Then restart Meipi.</source>
        <translation>&lt;b&gt;系統中沒有可顯示中文的字型&lt;/b&gt;，文章會顯示成空白方框。{how} 然後重新啟動 Meipi。</translation>
    </message>
</context>
<context>
    <name>GlossaryDialog</name>
    <message>
        <source>The glossary was not changed. %1</source>
        <translation>詞彙表未變更。%1</translation>
    </message>
    <message>
        <source>Glossary</source>
        <translation>詞彙表</translation>
    </message>
    <message>
        <source>Keep a phrase&apos;s wording in every view (no regional or dictionary substitution; its characters still follow the view&apos;s script), show it your own way, or declare two spellings one name so that search finds each from the other.</source>
        <translation>讓某個詞語在每種檢視中保持原本的用詞（不做地區用語或詞典替換；字形仍隨檢視的繁簡轉換）、以您自己的方式呈現，或宣告兩種寫法為同一名稱，讓搜尋其中一種也能找到另一種。</translation>
    </message>
    <message>
        <source>Phrase, as the original writes it</source>
        <translation>詞語，依原文寫法</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>新增(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>What every view shows instead</source>
        <translation>每種檢視改為顯示的內容</translation>
    </message>
    <message>
        <source>The other spelling</source>
        <translation>另一種寫法</translation>
    </message>
    <message>
        <source>Give the phrase and, for a conversion or a name, the other spelling.</source>
        <translation>請填寫詞語；若是轉換或名稱，也請填寫另一種寫法。</translation>
    </message>
    <message>
        <source>The two spellings are the same.</source>
        <translation>兩種寫法相同。</translation>
    </message>
</context>
<context>
    <name>GlossaryModel</name>
    <message>
        <source>Keep wording</source>
        <translation>保留用詞</translation>
    </message>
    <message>
        <source>Convert</source>
        <translation>轉換</translation>
    </message>
    <message>
        <source>Same name (search)</source>
        <translation>同名（搜尋）</translation>
    </message>
    <message>
        <source>(no substitution; characters follow the view)</source>
        <translation>（不替換；字形隨檢視轉換）</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>條目</translation>
    </message>
    <message>
        <source>Phrase</source>
        <translation>詞語</translation>
    </message>
    <message>
        <source>Becomes / same as</source>
        <translation>改為／等同於</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import Text — %1</source>
        <translation>匯入文本 — %1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>檔案：</translation>
    </message>
    <message>
        <source>Lower-case letters a–z, digits and inner hyphens, e.g. hsu-2024.</source>
        <translation>小寫字母 a–z、數字及中間的連字號，例如 hsu-2024。</translation>
    </message>
    <message>
        <source>Separate authors with ; or 、</source>
        <translation>多位作者以 ; 或 、 分隔</translation>
    </message>
    <message>
        <source>YYYY, YYYY-MM or YYYY-MM-DD</source>
        <translation>年、年-月或年-月-日（如 2024、2024-05、2024-05-17）</translation>
    </message>
    <message>
        <source>The printed number of the file&apos;s first page (its page 1).</source>
        <translation>檔案第一頁的印刷頁碼（即其第 1 頁）。</translation>
    </message>
    <message>
        <source>&amp;Id:</source>
        <translation>識別碼(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>篇名(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Authors:</source>
        <translation>作者(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Venue:</source>
        <translation>刊名(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Script:</source>
        <translation>繁簡(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;First page:</source>
        <translation>起始頁碼(&amp;F)：</translation>
    </message>
    <message>
        <source>Fill from .bib/CSL-JSON…</source>
        <translation>從 .bib／CSL-JSON 填入…</translation>
    </message>
    <message>
        <source>Title, authors, venue, issue, date and first page from a reference file</source>
        <translation>從書目檔填入篇名、作者、刊名、期數、日期與起始頁</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Lines Dropped</source>
        <translation>略去的行</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>匯入(&amp;I)</translation>
    </message>
    <message>
        <source>Cleaning the text…</source>
        <translation>正在清理文本…</translation>
    </message>
    <message>
        <source>plain text</source>
        <translation>純文字</translation>
    </message>
    <message>
        <source>Markdown</source>
        <translation>Markdown</translation>
    </message>
    <message>
        <source>Meipi text</source>
        <translation>Meipi 文本</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Fill from a Reference File</source>
        <translation>從書目檔填入</translation>
    </message>
    <message>
        <source>title</source>
        <translation>標題</translation>
    </message>
    <message>
        <source>subtitle</source>
        <translation>副標題</translation>
    </message>
    <message>
        <source>author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>affiliation</source>
        <translation>服務單位</translation>
    </message>
    <message>
        <source>caption</source>
        <translation>圖說</translation>
    </message>
    <message>
        <source>heading %1</source>
        <translation>%1 級標題</translation>
    </message>
    <message>
        <source>paragraph</source>
        <translation>段落</translation>
    </message>
    <message>
        <source>note</source>
        <translation>註釋</translation>
    </message>
    <message>
        <source>back matter</source>
        <translation>文末資料</translation>
    </message>
    <message>
        <source>References (*.bib *.json);;All files (*)</source>
        <translation>書目檔 (*.bib *.json);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Choose the Entry</source>
        <translation>選擇條目</translation>
    </message>
    <message>
        <source>Entry:</source>
        <translation>條目：</translation>
    </message>
    <message>
        <source>Cannot Read the References</source>
        <translation>無法讀取書目檔</translation>
    </message>
    <message>
        <source>Guessed %1: no character tells Traditional from Simplified.</source>
        <translation>推測為%1：沒有任何字可分辨繁體或簡體。</translation>
    </message>
    <message>
        <source>Guessed %1: %2 characters only Traditional writing uses, %3 only Simplified.</source>
        <translation>推測為%1：有 %2 個只有繁體使用的字、%3 個只有簡體使用的字。</translation>
    </message>
    <message>
        <source>There is already a text with the id %1; choose another id.</source>
        <translation>已經有識別碼為 %1 的文本；請換一個識別碼。</translation>
    </message>
    <message>
        <source>The id the file name suggests is taken, so this text gets %1.</source>
        <translation>依檔名建議的識別碼已被使用，因此這份文本使用 %1。</translation>
    </message>
    <message>
        <source>Pages: %1 (%2)</source>
        <translation>頁數：%1（%2）</translation>
    </message>
    <message>
        <source>p. %1</source>
        <translation>頁 %1</translation>
    </message>
    <message>
        <source>pp. %1–%2</source>
        <translation>頁 %1–%2</translation>
    </message>
    <message>
        <source>Characters: %1</source>
        <translation>字數：%1</translation>
    </message>
    <message>
        <source>Blocks: %1</source>
        <translation>段落數：%1</translation>
    </message>
    <message>
        <source>Lines dropped: %1</source>
        <translation>略去的行：%1</translation>
    </message>
    <message>
        <source>Radicals mapped to ideographs: %1</source>
        <translation>已由部首字轉為漢字：%1</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… 還有 %1 項</translation>
    </message>
    <message>
        <source>Lines Dropped (%1)</source>
        <translation>略去的行（%1）</translation>
    </message>
    <message>
        <source>The id “%1” cannot be used: an id is 1 to 64 lower-case letters a–z, digits and inner hyphens, for example hsu-2024.</source>
        <translation>「%1」不能作為識別碼：識別碼為 1 至 64 個小寫字母 a–z、數字及中間的連字號，例如 hsu-2024。</translation>
    </message>
    <message>
        <source>The date “%1” is not a date Meipi understands: write YYYY, YYYY-MM or YYYY-MM-DD, for example 2024-11.</source>
        <translation>「%1」不是 Meipi 看得懂的日期：請寫年、年-月或年-月-日，例如 2024-11。</translation>
    </message>
    <message>
        <source>%1 has no text left once page numbers and running headers are removed; there is nothing to import.</source>
        <translation>%1 去掉頁碼與頁首後沒有剩下任何文字，沒有可匯入的內容。</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>「%1」</translation>
    </message>
    <message>
        <source>No character tells Traditional from Simplified, so the script is taken to be %1; choose another under %2 if that is wrong.</source>
        <translation>沒有任何字可分辨繁體或簡體，因此繁簡暫定為%1；若不對，請在%2另選。</translation>
    </message>
    <message>
        <source>The text mixes Traditional (%1) and Simplified (%2) characters; check the script (%3) under %4.</source>
        <translation>文本混用繁體（%1 字）與簡體（%2 字）；請在%4檢查繁簡（%3）。</translation>
    </message>
    <message>
        <source>The file name has no letters a–z or digits to make an id from, so the id is %1; type another under %2 if you like.</source>
        <translation>檔名沒有可用來產生識別碼的 a–z 字母或數字，因此識別碼為 %1；如要另取，請在%2輸入。</translation>
    </message>
    <message>
        <source>No title was found at the top of the text, so the file name “%1” is the title; change it under %2.</source>
        <translation>文本開頭找不到篇名，因此以檔名「%1」為篇名；請在%2修改。</translation>
    </message>
    <message>
        <source>%1 prints no page numbers Meipi could find, so its pages are numbered from %2; set the first page&apos;s number under %3 if that is wrong.</source>
        <translation>%1 沒有 Meipi 找得到的頁碼，因此頁碼從 %2 起算；若不對，請在%3設定第一頁的頁碼。</translation>
    </message>
    <message>
        <source>Page %1 is scanned (no text layer) and will be left out: run OCR on the PDF first (for instance ocrmypdf) and import the result.</source>
        <translation>第 %1 頁是掃描影像（沒有文字層），不會匯入：請先對 PDF 做文字辨識（例如 ocrmypdf），再匯入結果。</translation>
    </message>
    <message>
        <source>Pages %1 are scanned (no text layer) and will be left out: run OCR on the PDF first (for instance ocrmypdf) and import the result.</source>
        <translation>第 %1 頁是掃描影像（沒有文字層），不會匯入：請先對 PDF 做文字辨識（例如 ocrmypdf），再匯入結果。</translation>
    </message>
    <message>
        <source>Page %1 has text in a font without a Unicode mapping (unreadable characters) and will be left out: try another copy of the PDF, or OCR.</source>
        <translation>第 %1 頁的文字所用字型沒有 Unicode 對應（字元無法讀取），不會匯入：請換一份 PDF，或做文字辨識。</translation>
    </message>
    <message>
        <source>Pages %1 have text in a font without a Unicode mapping (unreadable characters) and will be left out: try another copy of the PDF, or OCR.</source>
        <translation>第 %1 頁的文字所用字型沒有 Unicode 對應（字元無法讀取），不會匯入：請換一份 PDF，或做文字辨識。</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 及另外 %2 頁</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The library already holds this same text as %1; importing it adds a second copy. To keep one, remove the other with %2.</source>
        <translation>文獻庫中已有內容相同的文本：%1；匯入後會多出一份副本。若只要保留一份，請以「%2」移除另一份。</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>第 %1 頁</translation>
    </message>
    <message>
        <source>… and %1 more blocks</source>
        <translation>… 還有 %1 段</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在儲存…</translation>
    </message>
    <message>
        <source>Cannot Import the Text</source>
        <translation>無法匯入文本</translation>
    </message>
</context>
<context>
    <name>LibraryList</name>
    <message>
        <source>Library</source>
        <translation>文獻庫</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>Filter by title, author, venue, year…</source>
        <translation>依篇名、作者、刊名、年份篩選…</translation>
    </message>
    <message>
        <source>Filter the library</source>
        <translation>篩選文獻庫</translation>
    </message>
    <message>
        <source>Every word must appear in a title, author, venue, issue, year or id (Traditional and Simplified alike). Esc clears; Enter opens the first match.</source>
        <translation>每個詞都須出現在篇名、作者、刊名、期數、年份或代號中（繁簡皆可）。Esc 清除；Enter 開啟第一筆結果。</translation>
    </message>
    <message>
        <source>Library order</source>
        <translation>文獻庫順序</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>篇名</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>Newest first</source>
        <translation>最新的在前</translation>
    </message>
    <message>
        <source>Sort the library</source>
        <translation>文獻庫排序</translation>
    </message>
    <message>
        <source>Filter Li&amp;brary</source>
        <translation>篩選文獻庫(&amp;B)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2 篇</translation>
    </message>
    <message>
        <source>1 text</source>
        <translation>1 篇</translation>
    </message>
    <message>
        <source>%1 texts</source>
        <translation>%1 篇</translation>
    </message>
    <message>
        <source>No text matches “%1”.
Esc clears the filter.</source>
        <translation>沒有符合「%1」的文本。
按 Esc 清除篩選。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Library</source>
        <translation>文獻庫</translation>
    </message>
    <message>
        <source>Your place and settings cannot be saved: %1 is not writable.</source>
        <translation>無法儲存您的閱讀位置與設定：%1 無法寫入。</translation>
    </message>
    <message>
        <source>No articles found.</source>
        <translation>找不到任何文章。</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>實際大小(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>文獻庫(&amp;L)</translation>
    </message>
    <message>
        <source>Zoo&amp;m Out</source>
        <translation>縮小(&amp;M)</translation>
    </message>
    <message>
        <source>Full Scr&amp;een</source>
        <translation>全螢幕(&amp;E)</translation>
    </message>
    <message>
        <source>Go to &amp;Page…</source>
        <translation>前往頁碼(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Next Article</source>
        <translation>下一篇文章(&amp;N)</translation>
    </message>
    <message>
        <source>P&amp;revious Article</source>
        <translation>上一篇文章(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;About Meipi</source>
        <translation>關於 Meipi(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>關於 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Follow &amp;System</source>
        <translation>跟隨系統(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>淺色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>Se&amp;pia</source>
        <translation>棕褐色(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Serif (Ming/Song 明體)</source>
        <translation>明體（襯線）(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;ans (Hei 黑體)</source>
        <translation>黑體（無襯線）(&amp;A)</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1 倍</translation>
    </message>
    <message>
        <source>%1 characters</source>
        <translation>每行 %1 字</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編輯(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>佈景主題(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Font</source>
        <translation>字型(&amp;F)</translation>
    </message>
    <message>
        <source>Line Spacin&amp;g</source>
        <translation>行距(&amp;G)</translation>
    </message>
    <message>
        <source>Lang&amp;uage</source>
        <translation>語言(&amp;U)</translation>
    </message>
    <message>
        <source>Column &amp;Width</source>
        <translation>欄寬(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>前往(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具列</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>佈景主題</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation>無法開啟〈%1〉：%2</translation>
    </message>
    <message>
        <source>%1 — Meipi</source>
        <translation>%1 — Meipi</translation>
    </message>
    <message>
        <source>Go to Page</source>
        <translation>前往頁碼</translation>
    </message>
    <message>
        <source>Printed page (%1–%2):</source>
        <translation>印刷頁碼（%1–%2）：</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>第 %1 頁</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation>縮放 %1%</translation>
    </message>
    <message>
        <source>&amp;System Language</source>
        <translation>系統語言(&amp;S)</translation>
    </message>
    <message>
        <source>Applied When Meipi Starts Again</source>
        <translation>重新啟動 Meipi 後生效</translation>
    </message>
    <message>
        <source>The interface language changes when Meipi starts again.</source>
        <translation>介面語言會在重新啟動 Meipi 後變更。</translation>
    </message>
</context>
<context>
    <name>MarginNotes</name>
    <message>
        <source>Margin notes</source>
        <translation>旁註</translation>
    </message>
    <message>
        <source>more…</source>
        <translation>更多…</translation>
    </message>
    <message>
        <source>less</source>
        <translation>收合</translation>
    </message>
    <message>
        <source>Discard Changes</source>
        <translation>捨棄變更</translation>
    </message>
    <message>
        <source>Discard the changes to this note?</source>
        <translation>要捨棄對這則筆記的變更嗎？</translation>
    </message>
</context>
<context>
    <name>NoteEdit</name>
    <message>
        <source>Note (Ctrl+Enter saves, Esc cancels)</source>
        <translation>筆記（Ctrl+Enter 儲存，Esc 取消）</translation>
    </message>
</context>
<context>
    <name>OutlineFeature</name>
    <message>
        <source>Outline</source>
        <translation>大綱</translation>
    </message>
    <message>
        <source>&amp;Outline</source>
        <translation>大綱(&amp;O)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
</context>
<context>
    <name>OutlinePanel</name>
    <message>
        <source>Outline</source>
        <translation>大綱</translation>
    </message>
</context>
<context>
    <name>PageViewFeature</name>
    <message>
        <source>Original Page</source>
        <translation>原始頁面</translation>
    </message>
    <message>
        <source>Original &amp;Page</source>
        <translation>原始頁面(&amp;P)</translation>
    </message>
    <message>
        <source>The PDF page this passage was imported from</source>
        <translation>這個段落匯入來源的 PDF 頁面</translation>
    </message>
    <message>
        <source>Open a text to see its original page.</source>
        <translation>開啟文本即可查看其原始頁面。</translation>
    </message>
    <message>
        <source>“%1” was not imported from a PDF, so there is no page to show.</source>
        <translation>「%1」不是從 PDF 匯入的，因此沒有頁面可顯示。</translation>
    </message>
    <message>
        <source>No page holds this place.</source>
        <translation>沒有頁面包含這個位置。</translation>
    </message>
    <message>
        <source>Rendering page %1…</source>
        <translation>正在繪製第 %1 頁…</translation>
    </message>
    <message>
        <source>Page %1 (PDF page %2)</source>
        <translation>第 %1 頁（PDF 第 %2 頁）</translation>
    </message>
    <message>
        <source>the selected passage is outlined</source>
        <translation>選取的段落已加框標出</translation>
    </message>
</context>
<context>
    <name>PassageColumn</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一個</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一個 ▶</translation>
    </message>
    <message>
        <source>no passages</source>
        <translation>沒有段落</translation>
    </message>
    <message>
        <source>%1 is not among the themes of %2.</source>
        <translation>「%1」不在%2的主題之中。</translation>
    </message>
    <message>
        <source>Choose a theme to see its passages here.</source>
        <translation>選擇一個主題，即可在此查看其段落。</translation>
    </message>
    <message>
        <source>%1 passages</source>
        <translation>%1 個段落</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 段，共 %2 段</translation>
    </message>
</context>
<context>
    <name>PassageListModel</name>
    <message>
        <source>p. %1</source>
        <translation>頁 %1</translation>
    </message>
    <message>
        <source>pp. %1–%2</source>
        <translation>頁 %1–%2</translation>
    </message>
    <message>
        <source>(its passage changed)</source>
        <translation>（其段落已變更）</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>資料夾</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>磁碟機</translation>
    </message>
    <message>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>%1 檔案</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>%1 already exists.
Do you want to replace it?</source>
        <translation>%1 已經存在。
要取代它嗎？</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <translation>尋找於(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>檔案類型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ReadingView</name>
    <message>
        <source>p. %1</source>
        <translation>頁 %1</translation>
    </message>
</context>
<context>
    <name>SearchResultsModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>p. %1</source>
        <translation>頁 %1</translation>
    </message>
    <message>
        <source>Hit</source>
        <translation>結果</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>頁碼</translation>
    </message>
</context>
<context>
    <name>SearchResultsPanel</name>
    <message>
        <source>Search Results</source>
        <translation>搜尋結果</translation>
    </message>
    <message>
        <source>Searching all articles for “%1”…</source>
        <translation>正在所有文章中搜尋「%1」…</translation>
    </message>
    <message>
        <source>“%1” is in no article.</source>
        <translation>沒有任何文章含有「%1」。</translation>
    </message>
    <message>
        <source>1 hit</source>
        <translation>1 處</translation>
    </message>
    <message>
        <source>%1 hits</source>
        <translation>%1 處</translation>
    </message>
    <message>
        <source>in 1 article</source>
        <translation>見於 1 篇文章</translation>
    </message>
    <message>
        <source>in %1 articles</source>
        <translation>見於 %1 篇文章</translation>
    </message>
    <message>
        <source>“%1”: %2 %3</source>
        <translation>「%1」：%2，%3</translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <source>Not saved: Meipi could not open %1, which holds your notes. Check that its folder exists and that you may write to it, then try again.</source>
        <translation>未儲存：Meipi 無法開啟存放您筆記的 %1。請確認其資料夾存在且您可寫入，再試一次。</translation>
    </message>
    <message>
        <source>Not saved: Meipi could not open %1, which holds your notes.</source>
        <translation>未儲存：Meipi 無法開啟存放您筆記的 %1。</translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message>
        <source>This article</source>
        <translation>本篇文章</translation>
    </message>
    <message>
        <source>All articles</source>
        <translation>所有文章</translation>
    </message>
    <message>
        <source>Which annotations</source>
        <translation>顯示哪些註記</translation>
    </message>
    <message>
        <source>Filter quotes, notes and tags…</source>
        <translation>篩選引文、筆記與標籤…</translation>
    </message>
    <message>
        <source>Filter annotations</source>
        <translation>篩選註記</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear every filter</source>
        <translation>清除所有篩選條件</translation>
    </message>
    <message>
        <source>Filter by colour</source>
        <translation>依顏色篩選</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>依標籤篩選</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>註記</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>顏色</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>讀取中…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1／%2</translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n 則註記</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Go to Passage</source>
        <translation>前往段落(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>編輯(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>刪除(&amp;D)</translation>
    </message>
</context>
<context>
    <name>TagManager</name>
    <message>
        <source>Tags</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重新命名(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Merge Into…</source>
        <translation>合併至(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>刪除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Colour</source>
        <translation>顏色(&amp;C)</translation>
    </message>
    <message>
        <source>No colour</source>
        <translation>無顏色</translation>
    </message>
    <message>
        <source>Descri&amp;ption…</source>
        <translation>描述(&amp;P)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>關閉</translation>
    </message>
    <message>
        <source>Delete Tag %1</source>
        <translation>刪除標籤「%1」</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %1 from %n annotation(s) (they are kept).</source>
        <translation>
            <numerusform>已從 %n 則註記中刪除「%1」（註記本身保留）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged %1 into %3 on %n annotation(s).</source>
        <translation>
            <numerusform>已在 %n 則註記上將「%1」合併至「%3」。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Renamed %1 to %3 on %n annotation(s).</source>
        <translation>
            <numerusform>已在 %n 則註記上將「%1」重新命名為「%3」。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>New name for %1 (%n annotation(s); tags under it follow):</source>
        <translation>
            <numerusform>「%1」的新名稱（%n 則註記；其下的標籤一併變更）：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 already exists. Merge %2 into it (%n annotation(s))?</source>
        <translation>
            <numerusform>「%1」已存在。要將「%2」合併進去嗎（%n 則註記）？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merge %1 (%n annotation(s)) into:</source>
        <translation>
            <numerusform>將「%1」（%n 則註記）合併至：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove the tag %1 (and any tag under it) from %n annotation(s)? The annotations stay; Undo puts the tag back.</source>
        <translation>
            <numerusform>要從 %n 則註記中移除標籤「%1」（及其下所有標籤）嗎？註記本身會保留；「復原」可將標籤加回。</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge Tag %1 Into %2</source>
        <translation>將標籤「%1」合併至「%2」</translation>
    </message>
    <message>
        <source>Rename Tag %1 to %2</source>
        <translation>將標籤「%1」重新命名為「%2」</translation>
    </message>
    <message>
        <source>(%1 undoes it.)</source>
        <translation>（按 %1 可復原。）</translation>
    </message>
    <message>
        <source>Tag Colour</source>
        <translation>標籤顏色</translation>
    </message>
    <message>
        <source>Tag Description</source>
        <translation>標籤描述</translation>
    </message>
    <message>
        <source>Rename Tag</source>
        <translation>重新命名標籤</translation>
    </message>
    <message>
        <source>Merge Tags</source>
        <translation>合併標籤</translation>
    </message>
    <message>
        <source>Merge Tag</source>
        <translation>合併標籤</translation>
    </message>
    <message>
        <source>Delete Tag</source>
        <translation>刪除標籤</translation>
    </message>
    <message>
        <source>What %1 means:</source>
        <translation>「%1」的含義：</translation>
    </message>
</context>
<context>
    <name>TagTreeModel</name>
    <message>
        <source>Tag</source>
        <translation>標籤</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>註記</translation>
    </message>
</context>
<context>
    <name>TextDetailsDialog</name>
    <message>
        <source>Text Details — %1</source>
        <translation>文本資訊 — %1</translation>
    </message>
    <message>
        <source>The id cannot change: annotations refer to it.</source>
        <translation>識別碼不能變更：註記以它為依據。</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>識別碼：</translation>
    </message>
    <message>
        <source>Separate authors with ; or 、</source>
        <translation>多位作者以 ; 或 、 分隔</translation>
    </message>
    <message>
        <source>YYYY, YYYY-MM or YYYY-MM-DD</source>
        <translation>年、年-月或年-月-日（如 2024、2024-05、2024-05-17）</translation>
    </message>
    <message>
        <source>Pandoc and Better BibTeX cite the text as [@key]. Empty: %1</source>
        <translation>Pandoc 與 Better BibTeX 以 [@引用鍵] 引用這份文本。留空時為：%1</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>篇名(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;English title:</source>
        <translation>英文篇名(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Authors:</source>
        <translation>作者(&amp;A)：</translation>
    </message>
    <message>
        <source>Affi&amp;liation:</source>
        <translation>服務單位(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Venue:</source>
        <translation>刊名(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Issue:</source>
        <translation>期數(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Publisher:</source>
        <translation>出版者(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Script:</source>
        <translation>繁簡(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;First page:</source>
        <translation>起始頁碼(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Citekey:</source>
        <translation>引用鍵(&amp;C)：</translation>
    </message>
    <message>
        <source>Fill from .bib/CSL-JSON…</source>
        <translation>從 .bib／CSL-JSON 填入…</translation>
    </message>
    <message>
        <source>Cannot Save the Details</source>
        <translation>無法儲存文本資訊</translation>
    </message>
</context>
<context>
    <name>ThemeBoard</name>
    <message>
        <source>Themes</source>
        <translation>主題</translation>
    </message>
    <message>
        <source>Filter themes</source>
        <translation>篩選主題</translation>
    </message>
    <message>
        <source>No database.</source>
        <translation>沒有資料庫。</translation>
    </message>
    <message>
        <source>No tags yet: tag passages in either article to compare them.</source>
        <translation>還沒有標籤：在任一篇文章中為段落加上標籤，即可對照。</translation>
    </message>
</context>
<context>
    <name>ThemeMemoEditor</name>
    <message>
        <source>Theme memo</source>
        <translation>主題札記</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>札記</translation>
    </message>
    <message>
        <source>Choose a theme to write a memo on it.</source>
        <translation>選擇一個主題，即可為它寫札記。</translation>
    </message>
    <message>
        <source>Memo on %1</source>
        <translation>關於「%1」的札記</translation>
    </message>
    <message>
        <source>How do the two articles treat %1? (saved as you type)</source>
        <translation>兩篇文章如何處理「%1」？（隨打隨存）</translation>
    </message>
    <message>
        <source>Not saved yet.</source>
        <translation>尚未儲存。</translation>
    </message>
    <message>
        <source>The database is not open.</source>
        <translation>資料庫未開啟。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已儲存。</translation>
    </message>
    <message>
        <source>Your memo is not saved: %1 It stays here; it is saved when you edit it again once the problem is fixed.</source>
        <translation>您的札記未儲存：%1 札記會留在這裡；問題排除後再次編輯時就會儲存。</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>編輯中…</translation>
    </message>
</context>
<context>
    <name>ThemeTableModel</name>
    <message>
        <source>Theme</source>
        <translation>主題</translation>
    </message>
    <message>
        <source>Found only in</source>
        <translation>僅見於</translation>
    </message>
    <message>
        <source>Passages in %1</source>
        <translation>%1中的段落</translation>
    </message>
    <message>
        <source>only %1</source>
        <translation>僅見於%1</translation>
    </message>
    <message>
        <source>neither</source>
        <translation>皆無</translation>
    </message>
    <message>
        <source>Found only in %1.</source>
        <translation>僅見於%1。</translation>
    </message>
    <message>
        <source>Found in neither article.</source>
        <translation>兩篇文章都沒有。</translation>
    </message>
    <message>
        <source>Memo: %1</source>
        <translation>札記：%1</translation>
    </message>
</context>
<context>
    <name>ViewsFeature</name>
    <message>
        <source>&amp;Mark Substituted Wording</source>
        <translation>標出替換的用詞(&amp;M)</translation>
    </message>
    <message>
        <source>Underline phrases a view words differently from the original</source>
        <translation>在檢視與原文用詞不同的詞語下加底線</translation>
    </message>
    <message>
        <source>Software &amp;Vocabulary in This Text</source>
        <translation>本文套用軟體用語(&amp;V)</translation>
    </message>
    <message>
        <source>Let OpenCC&apos;s software-localisation wording through in this text (建立→创建, 執行→运行); off, prose keeps its own words</source>
        <translation>讓 OpenCC 的軟體在地化用語套用到這篇文本（建立→创建、執行→运行）；關閉時，文章保留原本的用詞</translation>
    </message>
    <message>
        <source>Mainland &amp;Quotation Marks “”</source>
        <translation>大陸式引號 “”(&amp;Q)</translation>
    </message>
    <message>
        <source>Show 「」『』 as “”‘’ in 简体（大陆用语）</source>
        <translation>在简体（大陆用语）中將 「」『』 顯示為 “”‘’</translation>
    </message>
    <message>
        <source>&amp;Glossary…</source>
        <translation>詞彙表(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Script</source>
        <translation>繁簡(&amp;S)</translation>
    </message>
    <message>
        <source>Script view (Ctrl+1 … Ctrl+6)</source>
        <translation>繁簡檢視（Ctrl+1 … Ctrl+6）</translation>
    </message>
    <message>
        <source>Script view</source>
        <translation>繁簡檢視</translation>
    </message>
    <message>
        <source>Converting to %1…</source>
        <translation>正在轉換為%1…</translation>
    </message>
    <message>
        <source>The view could not be made: %1</source>
        <translation>無法產生這個檢視：%1</translation>
    </message>
    <message>
        <source>The same as 原文 for this article</source>
        <translation>本文在此檢視中與原文相同</translation>
    </message>
    <message>
        <source>「原文：%1」 (your conversion)</source>
        <translation>「原文：%1」（您的轉換）</translation>
    </message>
    <message>
        <source>「原文：%1」 — its form depends on the meaning (系/係/繫); left as OpenCC has it</source>
        <translation>「原文：%1」— 字形依詞義而定（系／係／繫）；維持 OpenCC 的結果</translation>
    </message>
    <message>
        <source>regional wording from OpenCC&apos;s phrase tables</source>
        <translation>來自 OpenCC 詞組表的地區用語</translation>
    </message>
    <message>
        <source>regional wording from Meipi&apos;s lexicon of names</source>
        <translation>來自 Meipi 名稱詞庫的地區用語</translation>
    </message>
    <message>
        <source>Meipi&apos;s correction of an OpenCC table fault</source>
        <translation>Meipi 對 OpenCC 詞表錯誤的修正</translation>
    </message>
    <message>
        <source>「原文：%1」 — %2</source>
        <translation>「原文：%1」— %2</translation>
    </message>
    <message>
        <source>原文：%1 → %2</source>
        <translation>原文：%1 → %2</translation>
    </message>
    <message>
        <source>Stop Converting %1 My Way</source>
        <translation>停止以我的方式轉換「%1」</translation>
    </message>
    <message>
        <source>Keep %1 Unsubstituted</source>
        <translation>保留「%1」不替換</translation>
    </message>
    <message>
        <source>No substitution for this phrase in any view; its characters still follow the view&apos;s script</source>
        <translation>任何檢視都不替換這個詞語；字形仍隨檢視的繁簡轉換</translation>
    </message>
    <message>
        <source>Convert %1 to…</source>
        <translation>將「%1」轉換為…</translation>
    </message>
    <message>
        <source>%1 keeps its wording in every view (its characters follow the script).</source>
        <translation>「%1」在每種檢視中都保留用詞（字形隨繁簡轉換）。</translation>
    </message>
    <message>
        <source>Convert Your Way</source>
        <translation>以您的方式轉換</translation>
    </message>
    <message>
        <source>Show %1 in every view as:</source>
        <translation>在每種檢視中將「%1」顯示為：</translation>
    </message>
</context>
<context>
    <name>VocabularyDialog</name>
    <message>
        <source>Vocabulary</source>
        <translation>生詞本</translation>
    </message>
    <message>
        <source>Word</source>
        <translation>詞語</translation>
    </message>
    <message>
        <source>Pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>釋義</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>原句</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>頁碼</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>刪除(&amp;D)</translation>
    </message>
    <message>
        <source>Export for &amp;Anki…</source>
        <translation>匯出為 Anki 卡片(&amp;A)…</translation>
    </message>
    <message>
        <source>Definitions: CC-CEDICT (English), CC BY-SA 4.0.</source>
        <translation>釋義：CC-CEDICT（英文），CC BY-SA 4.0。</translation>
    </message>
    <message>
        <source>%1 words in %2</source>
        <translation>%2中有 %1 個詞語</translation>
    </message>
    <message>
        <source>Delete from Vocabulary</source>
        <translation>從生詞本刪除</translation>
    </message>
    <message>
        <source>Delete %1 from your vocabulary, with what you wrote about it?</source>
        <translation>要從生詞本刪除「%1」，連同您為它寫下的內容嗎？</translation>
    </message>
    <message>
        <source>Export for Anki</source>
        <translation>匯出為 Anki 卡片</translation>
    </message>
    <message>
        <source>CSV for Anki (*.csv)</source>
        <translation>Anki 用 CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>WordPopup</name>
    <message>
        <source>Zhuyin (注音)</source>
        <translation>注音</translation>
    </message>
    <message>
        <source>Add to Vocabulary</source>
        <translation>加入生詞本</translation>
    </message>
    <message>
        <source>CC-CEDICT (CC BY-SA 4.0), English definitions</source>
        <translation>CC-CEDICT（CC BY-SA 4.0），英文釋義</translation>
    </message>
    <message>
        <source>This view words it %1; the original has %2.</source>
        <translation>這個檢視寫作「%1」；原文為「%2」。</translation>
    </message>
    <message>
        <source>Not in the dictionary.</source>
        <translation>詞典中沒有這個詞。</translation>
    </message>
</context>
<context>
    <name>WordsFeature</name>
    <message>
        <source>&amp;Look Up Word</source>
        <translation>查詞(&amp;L)</translation>
    </message>
    <message>
        <source>V&amp;ocabulary…</source>
        <translation>生詞本(&amp;O)…</translation>
    </message>
    <message>
        <source>Word segmentation is unavailable: %1</source>
        <translation>無法使用分詞：%1</translation>
    </message>
    <message>
        <source>Loading the dictionary…</source>
        <translation>正在載入詞典…</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>生詞本</translation>
    </message>
    <message>
        <source>The database cannot be opened.</source>
        <translation>無法開啟資料庫。</translation>
    </message>
    <message>
        <source>Added %1 to your vocabulary.</source>
        <translation>已將「%1」加入生詞本。</translation>
    </message>
    <message>
        <source>%1 is already in your vocabulary.</source>
        <translation>「%1」已在生詞本中。</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source> (process %1)</source>
        <translation>（處理程序 %1）</translation>
    </message>
    <message>
        <source>Meipi is already open on %1%2. Switch to that window, or close it and start Meipi again.</source>
        <translation>另一個 Meipi 視窗已開啟 %1%2。請切換到該視窗，或將它關閉後再重新啟動 Meipi。</translation>
    </message>
    <message>
        <source>Meipi is already open</source>
        <translation>Meipi 已經開啟</translation>
    </message>
</context>
</TS>
