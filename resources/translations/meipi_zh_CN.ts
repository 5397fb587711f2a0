<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Meipi</source>
        <translation>关于 Meipi</translation>
    </message>
    <message>
        <source>Meipi 眉批</source>
        <translation>Meipi 眉批</translation>
    </message>
    <message>
        <source>An offline reading desk for close readers of Chinese-language articles.</source>
        <translation>离线阅读桌，供细读中文文章的研究者使用。</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Articles in this library</source>
        <translation>本文献库中的文章</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>two sentences</comment>
        <translation>%1%2</translation>
    </message>
    <message>
        <source>CC-CEDICT, English definitions (published %1)</source>
        <translation>CC-CEDICT 英文释义（%1 发布）</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>&lt;b&gt;Dictionary&lt;/b&gt;: %1, © MDBG and the CC-CEDICT contributors, based on CEDICT by Paul Denisowski; %2 (the data and the index Meipi builds from it stay under that licence, not Meipi&apos;s). %3.</source>
        <translation>&lt;b&gt;词典&lt;/b&gt;：%1，© MDBG 及 CC-CEDICT 的贡献者，源自 Paul Denisowski 的 CEDICT；%2（这些数据及 Meipi 据此构建的索引仍适用该许可，而非 Meipi 的许可）。%3。</translation>
    </message>
    <message>
        <source>CC-CEDICT, English definitions</source>
        <translation>CC-CEDICT，英文释义</translation>
    </message>
    <message>
        <source>Word segmentation: jieba (MIT). Pinyin and zhuyin: pypinyin (MIT).</source>
        <translation>分词：jieba（MIT）。拼音与注音：pypinyin（MIT）。</translation>
    </message>
</context>
<context>
    <name>AnnotationDelegate</name>
    <message>
        <source>p. %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>pp. %1–%2</source>
        <translation>第 %1–%2 页</translation>
    </message>
    <message>
        <source>(not found in the text)</source>
        <translation>（在文本中未找到）</translation>
    </message>
</context>
<context>
    <name>AnnotationDialog</name>
    <message>
        <source>Annotation</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>No colour (note only)</source>
        <translation>无颜色（仅笔记）</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>&amp;Colour:</source>
        <translation>颜色(&amp;C)：</translation>
    </message>
    <message>
        <source>e.g. 中亞, 能源, 地區/北極</source>
        <translation>例如：中亚, 能源, 地区/北极</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>标签(&amp;T)：</translation>
    </message>
    <message>
        <source>Margin note (Markdown)</source>
        <translation>旁注（Markdown）</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>笔记(&amp;N)：</translation>
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
        <translation>两者都保留(&amp;B)</translation>
    </message>
    <message>
        <source>Discard Changes</source>
        <translation>放弃更改</translation>
    </message>
    <message>
        <source>Discard the changes to this annotation?</source>
        <translation>要放弃对这条批注的更改吗？</translation>
    </message>
</context>
<context>
    <name>AnnotationEdits</name>
    <message numerus="yes">
        <source>The text of %1 changed: %n annotation(s) could not be placed again and are kept, marked as not found in the text, in the sidebar.</source>
        <translation>
            <numerusform>%1 的文本已更改：有 %n 条批注无法重新定位，已保留并在侧边栏中标为“在文本中未找到”。</numerusform>
        </translation>
    </message>
    <message>
        <source>Annotate</source>
        <translation>添加批注</translation>
    </message>
    <message>
        <source>Only white space is selected; select the words to annotate.</source>
        <translation>只选中了空白；请选中要批注的字词。</translation>
    </message>
    <message>
        <source>Edit Annotation</source>
        <translation>编辑批注</translation>
    </message>
    <message>
        <source>Delete Annotation</source>
        <translation>删除批注</translation>
    </message>
    <message>
        <source>Annotation deleted — %1 undoes it.</source>
        <translation>已删除批注 — 按 %1 可撤销。</translation>
    </message>
    <message>
        <source>Undid “%1” in 《%2》, %3.</source>
        <translation>已撤销《%2》%3 的“%1”。</translation>
    </message>
    <message>
        <source>Redid “%1” in 《%2》, %3.</source>
        <translation>已重做《%2》%3 的“%1”。</translation>
    </message>
    <message>
        <source>Not Saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>This annotation was deleted meanwhile, so your changes were not saved. Copy your note, then select the passage and annotate it again.</source>
        <translation>这条批注已在此期间被删除，因此您的更改未保存。请复制您的笔记，再选中该段落重新批注。</translation>
    </message>
    <message>
        <source>This annotation was changed elsewhere (the command line or an import) while you edited it: keep your version, the other, or both?</source>
        <translation>您编辑这条批注时，它已在别处（命令行或导入）被修改：要保留您的版本、另一版本，还是两者都保留？</translation>
    </message>
    <message>
        <source>no colour</source>
        <translation>无颜色</translation>
    </message>
    <message>
        <source>Other colour: %1</source>
        <translation>另一版本的颜色：%1</translation>
    </message>
    <message>
        <source>Other tags: %1</source>
        <translation>另一版本的标签：%1</translation>
    </message>
    <message>
        <source>Other note: %1</source>
        <translation>另一版本的笔记：%1</translation>
    </message>
    <message>
        <source>Kept the version changed elsewhere; yours was not saved.</source>
        <translation>已保留在别处修改的版本；您的版本未保存。</translation>
    </message>
    <message>
        <source>Saved both versions, yours first; %1 brings back the other alone.</source>
        <translation>已保存两个版本，您的在前；按 %1 可只留下另一版本。</translation>
    </message>
    <message>
        <source>Saved your version; %1 brings back the other.</source>
        <translation>已保存您的版本；按 %1 可取回另一版本。</translation>
    </message>
    <message>
        <source>This annotation was deleted meanwhile, so your note was not saved. Copy it before closing the editor.</source>
        <translation>这条批注已在此期间被删除，因此您的笔记未保存。请在关闭编辑器前先复制笔记。</translation>
    </message>
    <message>
        <source>This note was changed elsewhere while you edited it: both versions are in the editor now, yours first — keep what you want and press Ctrl+Enter.</source>
        <translation>您编辑这条笔记时，它已在别处被修改：两个版本现在都在编辑框中，您的在前 — 保留想要的内容后按 Ctrl+Enter。</translation>
    </message>
</context>
<context>
    <name>AnnotationMenus</name>
    <message>
        <source>Add or Edit &amp;Note…</source>
        <translation>添加或编辑笔记(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Tags…</source>
        <translation>标签(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Delete Annotation</source>
        <translation>删除批注(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Annotations &amp;Sidebar</source>
        <translation>批注侧边栏(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Margin Notes</source>
        <translation>旁注(&amp;M)</translation>
    </message>
    <message>
        <source>Ta&amp;g Manager…</source>
        <translation>标签管理器(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Colour Meanings…</source>
        <translation>颜色含义(&amp;C)…</translation>
    </message>
    <message>
        <source>Ca&amp;ret Browsing (select with the keyboard)</source>
        <translation>光标浏览(&amp;R)（用键盘选择）</translation>
    </message>
    <message>
        <source>Highlight %1</source>
        <translation>高亮为%1</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>撤销%1(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>重做%1(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Annotate</source>
        <translation>批注(&amp;A)</translation>
    </message>
</context>
<context>
    <name>AnnotationReads</name>
    <message>
        <source>Reading every article&apos;s annotations…</source>
        <translation>正在读取所有文章的批注…</translation>
    </message>
    <message>
        <source>Reading this article&apos;s annotations…</source>
        <translation>正在读取本篇文章的批注…</translation>
    </message>
</context>
<context>
    <name>AnnotationsFeature</name>
    <message>
        <source>Annotations</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Nothing you annotate can be saved: Meipi could not open %1 (check that you may write to its folder).</source>
        <translation>新加的批注都无法保存：Meipi 无法打开 %1（请检查您是否可写入其文件夹）。</translation>
    </message>
    <message>
        <source>Nothing you annotate can be saved: Meipi could not open %1.</source>
        <translation>新加的批注都无法保存：Meipi 无法打开 %1。</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>笔记</translation>
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
        <translation>赞同</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景资料</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>疑问</translation>
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
        <translation>颜色含义</translation>
    </message>
    <message>
        <source>What each highlight colour means to you:</source>
        <translation>各种高亮颜色对您的含义：</translation>
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
        <translation>黄色</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <source>Pink</source>
        <translation>粉色</translation>
    </message>
    <message>
        <source>Purple</source>
        <translation>紫色</translation>
    </message>
    <message>
        <source>No colour</source>
        <translation>无颜色</translation>
    </message>
    <message>
        <source>Note only</source>
        <translation>仅笔记</translation>
    </message>
</context>
<context>
    <name>CompareFeature</name>
    <message>
        <source>&amp;Compare Articles…</source>
        <translation>对比文章(&amp;C)…</translation>
    </message>
    <message>
        <source>Read two articles side by side and compare them theme by theme.</source>
        <translation>并排阅读两篇文章，按主题逐一对比。</translation>
    </message>
    <message>
        <source>No articles to compare.</source>
        <translation>没有可对比的文章。</translation>
    </message>
</context>
<context>
    <name>ComparePane</name>
    <message>
        <source>Left article</source>
        <translation>左侧文章</translation>
    </message>
    <message>
        <source>Right article</source>
        <translation>右侧文章</translation>
    </message>
    <message>
        <source>Script</source>
        <translation>繁简</translation>
    </message>
    <message>
        <source>p. %1</source>
        <translation>第 %1 页</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>Scroll &amp;together</source>
        <translation>同步滚动(&amp;T)</translation>
    </message>
    <message>
        <source>Scroll both articles by the same distance (off: each keeps its own place).</source>
        <translation>两篇文章滚动相同的距离（关闭时各自保持位置）。</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <source>Compare Articles — Meipi</source>
        <translation>对比文章 — Meipi</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>对比(&amp;C)</translation>
    </message>
    <message>
        <source>left</source>
        <translation>左侧</translation>
    </message>
    <message>
        <source>right</source>
        <translation>右侧</translation>
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
        <translation>同步滚动(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Find Theme</source>
        <translation>查找主题(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>关闭(&amp;C)</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <source>Restore the Backup</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Not Now</source>
        <translation>暂不</translation>
    </message>
    <message>
        <source>an unknown number of</source>
        <translation>若干</translation>
    </message>
    <message>
        <source>Your notes cannot be opened</source>
        <translation>无法打开您的笔记</translation>
    </message>
    <message>
        <source>%1 %2, so Meipi left it untouched.</source>
        <translation>%1 %2，因此 Meipi 未改动它。</translation>
    </message>
    <message>
        <source>this file held %1 when Meipi last read it</source>
        <translation>Meipi 上次读取时，这个文件有 %1 条</translation>
    </message>
    <message>
        <source>how many this file held is not known</source>
        <translation>不知道这个文件原有多少条</translation>
    </message>
    <message>
        <source>Meipi can restore the newest verified backup, made %1, which holds %2 annotations (%3). The damaged file is kept beside it, renamed, and nothing is deleted. Until then you can read, but nothing you annotate can be saved.</source>
        <translation>Meipi 可以恢复最新一份经过验证的备份，创建于 %1，包含 %2 条批注（%3）。损坏的文件会改名后保留在旁边，不会删除任何内容。恢复之前您仍可阅读，但新加的批注都无法保存。</translation>
    </message>
    <message>
        <source>Start Meipi with --db naming your Meipi database, or move this file away to start a new one.</source>
        <translation>请用 --db 指定您的 Meipi 数据库来启动 Meipi，或将这个文件移走以新建数据库。</translation>
    </message>
    <message>
        <source>Open it with the newer Meipi that wrote it.</source>
        <translation>请用写入它的较新版本 Meipi 打开。</translation>
    </message>
    <message>
        <source>No verified backup of it exists. Keep the file for recovery; to start a new one, quit Meipi and move the file out of its folder.</source>
        <translation>它没有经过验证的备份。请保留这个文件以便修复；如要改用新的数据库，请退出 Meipi，再把这个文件移出所在的文件夹。</translation>
    </message>
    <message>
        <source>You can keep reading, but nothing you annotate can be saved until then.</source>
        <translation>您可以继续阅读，但在这件事处理好之前，新加的批注都无法保存。</translation>
    </message>
    <message>
        <source>Meipi could not open your notes a moment ago, but the file reads correctly now, so nothing was changed.</source>
        <translation>刚才 Meipi 无法打开您的笔记，但现在文件可以正常读取，因此没有做任何更改。</translation>
    </message>
    <message>
        <source>%1 %2. It is not damaged, and nothing was changed.</source>
        <translation>%1 %2。文件并未损坏，也没有做任何更改。</translation>
    </message>
    <message>
        <source>Your notes could not be opened</source>
        <translation>无法打开您的笔记</translation>
    </message>
    <message>
        <source>Meipi will read them again now.</source>
        <translation>Meipi 现在会重新读取。</translation>
    </message>
    <message>
        <source>The backup was not restored</source>
        <translation>备份未恢复</translation>
    </message>
    <message>
        <source>Backup restored</source>
        <translation>已恢复备份</translation>
    </message>
    <message>
        <source>Your notes were restored from %1.</source>
        <translation>已从 %1 恢复您的笔记。</translation>
    </message>
    <message>
        <source>The previous file was kept as %1; nothing was deleted.</source>
        <translation>原文件已保留为 %1；没有删除任何内容。</translation>
    </message>
    <message>
        <source>1 annotation in it is newer than the backup. To bring it back: meipi export --db %1 --format json -o set-aside.json, then meipi import-annotations set-aside.json.</source>
        <translation>其中有 1 条批注比备份新。要找回它：meipi export --db %1 --format json -o set-aside.json，再运行 meipi import-annotations set-aside.json。</translation>
    </message>
    <message>
        <source>%1 annotations in it are newer than the backup. To bring them back: meipi export --db %2 --format json -o set-aside.json, then meipi import-annotations set-aside.json.</source>
        <translation>其中有 %1 条批注比备份新。要找回它们：meipi export --db %2 --format json -o set-aside.json，再运行 meipi import-annotations set-aside.json。</translation>
    </message>
    <message>
        <source>1 of your texts was put back as the backup had it.</source>
        <translation>已将您的 1 篇文本恢复为备份时的内容。</translation>
    </message>
    <message>
        <source>%1 of your texts were put back as the backup had them.</source>
        <translation>已将您的 %1 篇文本恢复为备份时的内容。</translation>
    </message>
    <message>
        <source>A text had changed since the backup (its details edited, or replaced by an import); the restore undid that and kept the version it had. To put it back:</source>
        <translation>有 1 篇文本在备份后更改过（编辑了详细信息，或被导入替换）；恢复撤销了这些更改，并保留了它当时的版本。要放回它：</translation>
    </message>
    <message>
        <source>%1 texts had changed since the backup (their details edited, or replaced by an import); the restore undid that and kept the versions they had. To put them back:</source>
        <translation>有 %1 篇文本在备份后更改过（编辑了详细信息，或被导入替换）；恢复撤销了这些更改，并保留了它们当时的版本。要放回它们：</translation>
    </message>
</context>
<context>
    <name>DialogsFeature</name>
    <message>
        <source>&amp;Import Text…</source>
        <translation>导入文本(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Text &amp;Details…</source>
        <translation>文本信息(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Remove Text…</source>
        <translation>移除文本(&amp;R)…</translation>
    </message>
    <message>
        <source>Copy with &amp;Citation</source>
        <translation>复制并附出处(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected passage, as this view shows it, with its source and page.</source>
        <translation>按当前视图的样子复制选中的段落，并附上出处和页码。</translation>
    </message>
    <message>
        <source>Only texts you imported can be edited or removed.</source>
        <translation>只有您导入的文本才能编辑或移除。</translation>
    </message>
    <message>
        <source>Import Text</source>
        <translation>导入文本</translation>
    </message>
    <message>
        <source>Texts (%1);;All files (*)</source>
        <translation>文本（%1）;;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Reading %1: page %2 of %3…</source>
        <translation>正在读取 %1：第 %2 页，共 %3 页…</translation>
    </message>
    <message>
        <source>Password Needed</source>
        <translation>需要密码</translation>
    </message>
    <message>
        <source>%1 is protected by a password. Type it to import the PDF:</source>
        <translation>%1 受密码保护。请输入密码以导入这份 PDF：</translation>
    </message>
    <message>
        <source>That password does not open %1. Try again:</source>
        <translation>这个密码无法打开 %1。请重试：</translation>
    </message>
    <message>
        <source>Cannot Import %1</source>
        <translation>无法导入 %1</translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation>已导入 %1。</translation>
    </message>
    <message>
        <source>One file at a time: importing %1.</source>
        <translation>一次只能导入一个文件：正在导入 %1。</translation>
    </message>
    <message>
        <source>Select a passage to copy it with its citation.</source>
        <translation>请先选中段落，才能连同出处一起复制。</translation>
    </message>
    <message>
        <source>Copied with its citation.</source>
        <translation>已连同出处复制。</translation>
    </message>
    <message>
        <source>The text&apos;s details were saved.</source>
        <translation>文本信息已保存。</translation>
    </message>
    <message>
        <source>Its annotations (%1) stay in your database as orphans: importing the text again with the id %2 brings them back.</source>
        <translation>它的批注（%1 条）会作为孤立批注留在您的数据库中：以标识符 %2 重新导入这个文本即可找回。</translation>
    </message>
    <message>
        <source>Any annotations on it stay in your database as orphans.</source>
        <translation>它上面的批注都会作为孤立批注留在您的数据库中。</translation>
    </message>
    <message>
        <source>Remove Text</source>
        <translation>移除文本</translation>
    </message>
    <message>
        <source>Remove “%1” from your library?</source>
        <translation>要从文献库移除“%1”吗？</translation>
    </message>
    <message>
        <source>The file %1 will be deleted.</source>
        <translation>文件 %1 将被删除。</translation>
    </message>
    <message>
        <source>The file %1 will be deleted, with the PDF it was imported from and its page data.</source>
        <translation>文件 %1 将被删除，连同导入来源的 PDF 及其页面数据。</translation>
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
        <translation>无法移除文本</translation>
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
        <translation>对比，按主题逐一列出</translation>
    </message>
    <message>
        <source>W3C Web Annotation JSON</source>
        <translation>W3C Web Annotation JSON</translation>
    </message>
    <message>
        <source>CSV spreadsheet</source>
        <translation>CSV 电子表格</translation>
    </message>
    <message>
        <source>References, CSL-JSON (Zotero, Pandoc)</source>
        <translation>参考文献，CSL-JSON（Zotero、Pandoc）</translation>
    </message>
    <message>
        <source>References, BibTeX</source>
        <translation>参考文献，BibTeX</translation>
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
        <translation>导出批注</translation>
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
        <translation>标签(&amp;T)：</translation>
    </message>
    <message>
        <source>None checked: every tag. A tag includes its sub-tags.</source>
        <translation>全不勾选即为所有标签。标签包含其子标签。</translation>
    </message>
    <message>
        <source>&amp;Colours:</source>
        <translation>颜色(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Script:</source>
        <translation>繁简(&amp;S)：</translation>
    </message>
    <message>
        <source>Article sections</source>
        <translation>文章章节</translation>
    </message>
    <message>
        <source>Tags (themes)</source>
        <translation>标签（主题）</translation>
    </message>
    <message>
        <source>&amp;Group by:</source>
        <translation>分组方式(&amp;G)：</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Themes &amp;by:</source>
        <translation>主题依据(&amp;B)：</translation>
    </message>
    <message>
        <source>Show the &amp;original of each substituted phrase</source>
        <translation>显示每个替换词语的原文(&amp;O)</translation>
    </message>
    <message>
        <source>局部〔原文：區域性〕: a converted phrase carries the author&apos;s own words.</source>
        <translation>局部〔原文：區域性〕：转换后的词语附上作者原本的用词。</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Notes without colour</source>
        <translation>无颜色的笔记</translation>
    </message>
    <message>
        <source>Check at least one article.</source>
        <translation>请至少勾选一篇文章。</translation>
    </message>
    <message>
        <source>A comparison needs two or more articles: check another one.</source>
        <translation>对比需要两篇或以上的文章：请再勾选一篇。</translation>
    </message>
    <message>
        <source>Reading the annotations…</source>
        <translation>正在读取批注…</translation>
    </message>
    <message>
        <source>The annotations could not be read: %1</source>
        <translation>无法读取批注：%1</translation>
    </message>
    <message>
        <source>Annotations in this export: %1.</source>
        <translation>本次导出的批注：%1 条。</translation>
    </message>
    <message numerus="yes">
        <source>Left out %n text(s) with no matching annotation.</source>
        <translation>
            <numerusform>略去 %n 个没有符合条件批注的文本。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s) kept for texts no longer in the library (%1) cannot be exported: import a text again with its id to bring them back.</source>
        <translation>
            <numerusform>已移出文献库的文本（%1）仍保留 %n 条批注，无法导出：以原标识符重新导入该文本即可找回。</numerusform>
        </translation>
    </message>
    <message>
        <source>Creator: %1.</source>
        <translation>创建者：%1。</translation>
    </message>
    <message>
        <source>No creator set (meipi config creator NAME).</source>
        <translation>未设置创建者（meipi config creator 姓名）。</translation>
    </message>
    <message>
        <source>The preview shows the beginning; Save and Copy take the whole export.</source>
        <translation>预览只显示开头；保存和复制会包含完整的导出内容。</translation>
    </message>
    <message>
        <source>The annotation database could not be opened: %1</source>
        <translation>无法打开批注数据库：%1</translation>
    </message>
    <message>
        <source>The export could not be made: %1</source>
        <translation>无法生成导出内容：%1</translation>
    </message>
    <message>
        <source>Cannot Copy</source>
        <translation>无法复制</translation>
    </message>
    <message>
        <source>Copied to the clipboard.</source>
        <translation>已复制到剪贴板。</translation>
    </message>
    <message>
        <source>Save Export</source>
        <translation>保存导出内容</translation>
    </message>
    <message>
        <source>Cannot Save the Export</source>
        <translation>无法保存导出内容</translation>
    </message>
    <message>
        <source>%1 could not be written (%2); nothing was saved.</source>
        <translation>无法写入 %1（%2）；没有保存任何内容。</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find:</source>
        <translation>查找：</translation>
    </message>
    <message>
        <source>一带一路, 一帶一路, ＮＡＴＯ… any script</source>
        <translation>一带一路、一帶一路、ＮＡＴＯ… 繁简均可</translation>
    </message>
    <message>
        <source>Previous hit (Shift+Enter, Shift+F3)</source>
        <translation>上一个结果（Shift+Enter、Shift+F3）</translation>
    </message>
    <message>
        <source>Next hit (Enter, F3)</source>
        <translation>下一个结果（Enter、F3）</translation>
    </message>
    <message>
        <source>&amp;All articles</source>
        <translation>所有文章(&amp;A)</translation>
    </message>
    <message>
        <source>List the hits in every article</source>
        <translation>列出所有文章中的搜索结果</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>关闭查找栏</translation>
    </message>
</context>
<context>
    <name>Finder</name>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>查找(&amp;F)…</translation>
    </message>
    <message>
        <source>Find &amp;Next</source>
        <translation>查找下一个(&amp;N)</translation>
    </message>
    <message>
        <source>Find Pre&amp;vious</source>
        <translation>查找上一个(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Search All Articles…</source>
        <translation>搜索所有文章(&amp;S)…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>Not in this article</source>
        <translation>本文中没有</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 处，共 %2 处</translation>
    </message>
    <message>
        <source>Searching all articles…</source>
        <translation>正在搜索所有文章…</translation>
    </message>
</context>
<context>
    <name>FontCheck</name>
    <message>
        <source>Install the Noto CJK fonts: on Debian or Ubuntu, &lt;code&gt;sudo apt install fonts-noto-cjk&lt;/code&gt;; on Fedora, &lt;code&gt;sudo dnf install google-noto-serif-cjk-fonts&lt;/code&gt;; elsewhere, the Noto Serif CJK fonts.</source>
        <translation>请安装 Noto CJK 字体：Debian 或 Ubuntu 上运行 &lt;code&gt;sudo apt install fonts-noto-cjk&lt;/code&gt;；Fedora 上运行 &lt;code&gt;sudo dnf install google-noto-serif-cjk-fonts&lt;/code&gt;；其他系统请安装 Noto Serif CJK 字体。</translation>
    </message>
    <message>
        <source>Install the Noto Serif CJK fonts (free, from Google Fonts).</source>
        <translation>请安装 Noto Serif CJK 字体（免费，可从 Google Fonts 获取）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;No installed font can show Chinese text&lt;/b&gt;, so the article would appear as empty boxes. {how} Then restart Meipi.</source>
        <translation>&lt;b&gt;系统中没有能显示中文的字体&lt;/b&gt;，文章会显示为空白方框。{how} 然后重新启动 Meipi。</translation>
    </message>
</context>
<context>
    <name>GlossaryDialog</name>
    <message>
        <source>The glossary was not changed. %1</source>
        <translation>词汇表未更改。%1</translation>
    </message>
    <message>
        <source>Glossary</source>
        <translation>词汇表</translation>
    </message>
    <message>
        <source>Keep a phrase&apos;s wording in every view (no regional or dictionary substitution; its characters still follow the view&apos;s script), show it your own way, or declare two spellings one name so that search finds each from the other.</source>
        <translation>让某个词语在每种视图中保持原来的用词（不做地区用语或词典替换；字形仍随视图的繁简转换）、按您自己的方式显示，或声明两种写法为同一名称，使搜索其中一种也能找到另一种。</translation>
    </message>
    <message>
        <source>Phrase, as the original writes it</source>
        <translation>词语，按原文写法</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>What every view shows instead</source>
        <translation>每种视图改为显示的内容</translation>
    </message>
    <message>
        <source>The other spelling</source>
        <translation>另一种写法</translation>
    </message>
    <message>
        <source>Give the phrase and, for a conversion or a name, the other spelling.</source>
        <translation>请填写词语；如果是转换或名称，也请填写另一种写法。</translation>
    </message>
    <message>
        <source>The two spellings are the same.</source>
        <translation>两种写法相同。</translation>
    </message>
</context>
<context>
    <name>GlossaryModel</name>
    <message>
        <source>Keep wording</source>
        <translation>保留用词</translation>
    </message>
    <message>
        <source>Convert</source>
        <translation>转换</translation>
    </message>
    <message>
        <source>Same name (search)</source>
        <translation>同名（搜索）</translation>
    </message>
    <message>
        <source>(no substitution; characters follow the view)</source>
        <translation>（不替换；字形随视图转换）</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>条目</translation>
    </message>
    <message>
        <source>Phrase</source>
        <translation>词语</translation>
    </message>
    <message>
        <source>Becomes / same as</source>
        <translation>改为／等同于</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import Text — %1</source>
        <translation>导入文本 — %1</translation>
    </message>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Lower-case letters a–z, digits and inner hyphens, e.g. hsu-2024.</source>
        <translation>小写字母 a–z、数字及中间的连字符，例如 hsu-2024。</translation>
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
        <translation>文件第一页的印刷页码（即其第 1 页）。</translation>
    </message>
    <message>
        <source>&amp;Id:</source>
        <translation>标识符(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
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
        <translation>繁简(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;First page:</source>
        <translation>起始页码(&amp;F)：</translation>
    </message>
    <message>
        <source>Fill from .bib/CSL-JSON…</source>
        <translation>从 .bib／CSL-JSON 填入…</translation>
    </message>
    <message>
        <source>Title, authors, venue, issue, date and first page from a reference file</source>
        <translation>从文献文件填入标题、作者、刊名、期号、日期和起始页</translation>
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
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Cleaning the text…</source>
        <translation>正在清理文本…</translation>
    </message>
    <message>
        <source>plain text</source>
        <translation>纯文本</translation>
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
        <translation>从文献文件填入</translation>
    </message>
    <message>
        <source>title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <source>author</source>
        <translation>作者</translation>
    </message>
    <message>
        <source>affiliation</source>
        <translation>作者单位</translation>
    </message>
    <message>
        <source>caption</source>
        <translation>图注</translation>
    </message>
    <message>
        <source>heading %1</source>
        <translation>%1 级标题</translation>
    </message>
    <message>
        <source>paragraph</source>
        <translation>段落</translation>
    </message>
    <message>
        <source>note</source>
        <translation>注释</translation>
    </message>
    <message>
        <source>back matter</source>
        <translation>文末资料</translation>
    </message>
    <message>
        <source>References (*.bib *.json);;All files (*)</source>
        <translation>文献文件 (*.bib *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the Entry</source>
        <translation>选择条目</translation>
    </message>
    <message>
        <source>Entry:</source>
        <translation>条目：</translation>
    </message>
    <message>
        <source>Cannot Read the References</source>
        <translation>无法读取文献文件</translation>
    </message>
    <message>
        <source>Guessed %1: no character tells Traditional from Simplified.</source>
        <translation>推测为%1：没有任何字可以区分繁体或简体。</translation>
    </message>
    <message>
        <source>Guessed %1: %2 characters only Traditional writing uses, %3 only Simplified.</source>
        <translation>推测为%1：有 %2 个只有繁体使用的字、%3 个只有简体使用的字。</translation>
    </message>
    <message>
        <source>There is already a text with the id %1; choose another id.</source>
        <translation>已有标识符为 %1 的文本；请换一个标识符。</translation>
    </message>
    <message>
        <source>The id the file name suggests is taken, so this text gets %1.</source>
        <translation>按文件名建议的标识符已被占用，因此这个文本使用 %1。</translation>
    </message>
    <message>
        <source>Pages: %1 (%2)</source>
        <translation>页数：%1（%2）</translation>
    </message>
    <message>
        <source>p. %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>pp. %1–%2</source>
        <translation>第 %1–%2 页</translation>
    </message>
    <message>
        <source>Characters: %1</source>
        <translation>字数：%1</translation>
    </message>
    <message>
        <source>Blocks: %1</source>
        <translation>段落数：%1</translation>
    </message>
    <message>
        <source>Lines dropped: %1</source>
        <translation>略去的行：%1</translation>
    </message>
    <message>
        <source>Radicals mapped to ideographs: %1</source>
        <translation>已由部首字转为汉字：%1</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… 还有 %1 项</translation>
    </message>
    <message>
        <source>Lines Dropped (%1)</source>
        <translation>略去的行（%1）</translation>
    </message>
    <message>
        <source>The id “%1” cannot be used: an id is 1 to 64 lower-case letters a–z, digits and inner hyphens, for example hsu-2024.</source>
        <translation>“%1”不能用作标识符：标识符为 1 至 64 个小写字母 a–z、数字及中间的连字符，例如 hsu-2024。</translation>
    </message>
    <message>
        <source>The date “%1” is not a date Meipi understands: write YYYY, YYYY-MM or YYYY-MM-DD, for example 2024-11.</source>
        <translation>“%1”不是 Meipi 能识别的日期：请写年、年-月或年-月-日，例如 2024-11。</translation>
    </message>
    <message>
        <source>%1 has no text left once page numbers and running headers are removed; there is nothing to import.</source>
        <translation>%1 去掉页码和页眉后没有剩下任何文字，没有可导入的内容。</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>“%1”</translation>
    </message>
    <message>
        <source>No character tells Traditional from Simplified, so the script is taken to be %1; choose another under %2 if that is wrong.</source>
        <translation>没有任何字可以区分繁体或简体，因此繁简暂定为%1；如不对，请在%2另选。</translation>
    </message>
    <message>
        <source>The text mixes Traditional (%1) and Simplified (%2) characters; check the script (%3) under %4.</source>
        <translation>文本混用繁体（%1 字）与简体（%2 字）；请在%4检查繁简（%3）。</translation>
    </message>
    <message>
        <source>The file name has no letters a–z or digits to make an id from, so the id is %1; type another under %2 if you like.</source>
        <translation>文件名没有可用来生成标识符的 a–z 字母或数字，因此标识符为 %1；如需另取，请在%2输入。</translation>
    </message>
    <message>
        <source>No title was found at the top of the text, so the file name “%1” is the title; change it under %2.</source>
        <translation>文本开头找不到标题，因此以文件名“%1”为标题；请在%2修改。</translation>
    </message>
    <message>
        <source>%1 prints no page numbers Meipi could find, so its pages are numbered from %2; set the first page&apos;s number under %3 if that is wrong.</source>
        <translation>%1 没有 Meipi 能找到的页码，因此页码从 %2 起算；如不对，请在%3设置第一页的页码。</translation>
    </message>
    <message>
        <source>Page %1 is scanned (no text layer) and will be left out: run OCR on the PDF first (for instance ocrmypdf) and import the result.</source>
        <translation>第 %1 页是扫描图像（没有文字层），不会导入：请先对 PDF 做文字识别（例如 ocrmypdf），再导入结果。</translation>
    </message>
    <message>
        <source>Pages %1 are scanned (no text layer) and will be left out: run OCR on the PDF first (for instance ocrmypdf) and import the result.</source>
        <translation>第 %1 页是扫描图像（没有文字层），不会导入：请先对 PDF 做文字识别（例如 ocrmypdf），再导入结果。</translation>
    </message>
    <message>
        <source>Page %1 has text in a font without a Unicode mapping (unreadable characters) and will be left out: try another copy of the PDF, or OCR.</source>
        <translation>第 %1 页的文字所用字体没有 Unicode 映射（字符无法读取），不会导入：请换一份 PDF，或做文字识别。</translation>
    </message>
    <message>
        <source>Pages %1 have text in a font without a Unicode mapping (unreadable characters) and will be left out: try another copy of the PDF, or OCR.</source>
        <translation>第 %1 页的文字所用字体没有 Unicode 映射（字符无法读取），不会导入：请换一份 PDF，或做文字识别。</translation>
    </message>
    <message>
        <source>%1 and %2 more</source>
        <translation>%1 及另外 %2 页</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The library already holds this same text as %1; importing it adds a second copy. To keep one, remove the other with %2.</source>
        <translation>文献库中已有内容相同的文本：%1；导入后会多出一份副本。如只需保留一份，请用“%2”移除另一份。</translation>
    </message>
    <message>
        <source>page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>… and %1 more blocks</source>
        <translation>… 还有 %1 段</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Cannot Import the Text</source>
        <translation>无法导入文本</translation>
    </message>
</context>
<context>
    <name>LibraryList</name>
    <message>
        <source>Library</source>
        <translation>文献库</translation>
    </message>
</context>
<context>
    <name>LibraryPanel</name>
    <message>
        <source>Filter by title, author, venue, year…</source>
        <translation>按标题、作者、刊名、年份筛选…</translation>
    </message>
    <message>
        <source>Filter the library</source>
        <translation>筛选文献库</translation>
    </message>
    <message>
        <source>Every word must appear in a title, author, venue, issue, year or id (Traditional and Simplified alike). Esc clears; Enter opens the first match.</source>
        <translation>每个词都须出现在标题、作者、刊名、期号、年份或代号中（繁简皆可）。Esc 清除；Enter 打开第一条结果。</translation>
    </message>
    <message>
        <source>Library order</source>
        <translation>文献库顺序</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
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
        <translation>文献库排序</translation>
    </message>
    <message>
        <source>Filter Li&amp;brary</source>
        <translation>筛选文献库(&amp;B)</translation>
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
        <translation>没有符合“%1”的文本。
按 Esc 清除筛选。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Library</source>
        <translation>文献库</translation>
    </message>
    <message>
        <source>Your place and settings cannot be saved: %1 is not writable.</source>
        <translation>无法保存您的阅读位置和设置：%1 不可写入。</translation>
    </message>
    <message>
        <source>No articles found.</source>
        <translation>未找到任何文章。</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Library</source>
        <translation>文献库(&amp;L)</translation>
    </message>
    <message>
        <source>Zoo&amp;m Out</source>
        <translation>缩小(&amp;M)</translation>
    </message>
    <message>
        <source>Full Scr&amp;een</source>
        <translation>全屏(&amp;E)</translation>
    </message>
    <message>
        <source>Go to &amp;Page…</source>
        <translation>转到页码(&amp;P)…</translation>
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
        <translation>关于 Meipi(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Follow &amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
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
        <translation>宋体（衬线）(&amp;S)</translation>
    </message>
    <message>
        <source>S&amp;ans (Hei 黑體)</source>
        <translation>黑体（无衬线）(&amp;A)</translation>
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
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Font</source>
        <translation>字体(&amp;F)</translation>
    </message>
    <message>
        <source>Line Spacin&amp;g</source>
        <translation>行距(&amp;G)</translation>
    </message>
    <message>
        <source>Lang&amp;uage</source>
        <translation>语言(&amp;U)</translation>
    </message>
    <message>
        <source>Column &amp;Width</source>
        <translation>栏宽(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Toolbar</source>
        <translation>工具栏</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>%1 cannot be opened: %2</source>
        <translation>无法打开〈%1〉：%2</translation>
    </message>
    <message>
        <source>%1 — Meipi</source>
        <translation>%1 — Meipi</translation>
    </message>
    <message>
        <source>Go to Page</source>
        <translation>转到页码</translation>
    </message>
    <message>
        <source>Printed page (%1–%2):</source>
        <translation>印刷页码（%1–%2）：</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation>缩放 %1%</translation>
    </message>
    <message>
        <source>&amp;System Language</source>
        <translation>系统语言(&amp;S)</translation>
    </message>
    <message>
        <source>Applied When Meipi Starts Again</source>
        <translation>重新启动 Meipi 后生效</translation>
    </message>
    <message>
        <source>The interface language changes when Meipi starts again.</source>
        <translation>界面语言将在重新启动 Meipi 后更改。</translation>
    </message>
</context>
<context>
    <name>MarginNotes</name>
    <message>
        <source>Margin notes</source>
        <translation>旁注</translation>
    </message>
    <message>
        <source>more…</source>
        <translation>更多…</translation>
    </message>
    <message>
        <source>less</source>
        <translation>收起</translation>
    </message>
    <message>
        <source>Discard Changes</source>
        <translation>放弃更改</translation>
    </message>
    <message>
        <source>Discard the changes to this note?</source>
        <translation>要放弃对这条笔记的更改吗？</translation>
    </message>
</context>
<context>
    <name>NoteEdit</name>
    <message>
        <source>Note (Ctrl+Enter saves, Esc cancels)</source>
        <translation>笔记（Ctrl+Enter 保存，Esc 取消）</translation>
    </message>
</context>
<context>
    <name>OutlineFeature</name>
    <message>
        <source>Outline</source>
        <translation>大纲</translation>
    </message>
    <message>
        <source>&amp;Outline</source>
        <translation>大纲(&amp;O)</translation>
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
        <translation>大纲</translation>
    </message>
</context>
<context>
    <name>PageViewFeature</name>
    <message>
        <source>Original Page</source>
        <translation>原始页面</translation>
    </message>
    <message>
        <source>Original &amp;Page</source>
        <translation>原始页面(&amp;P)</translation>
    </message>
    <message>
        <source>The PDF page this passage was imported from</source>
        <translation>这个段落导入来源的 PDF 页面</translation>
    </message>
    <message>
        <source>Open a text to see its original page.</source>
        <translation>打开文本即可查看其原始页面。</translation>
    </message>
    <message>
        <source>“%1” was not imported from a PDF, so there is no page to show.</source>
        <translation>“%1”不是从 PDF 导入的，因此没有页面可显示。</translation>
    </message>
    <message>
        <source>No page holds this place.</source>
        <translation>没有页面包含这个位置。</translation>
    </message>
    <message>
        <source>Rendering page %1…</source>
        <translation>正在渲染第 %1 页…</translation>
    </message>
    <message>
        <source>Page %1 (PDF page %2)</source>
        <translation>第 %1 页（PDF 第 %2 页）</translation>
    </message>
    <message>
        <source>the selected passage is outlined</source>
        <translation>选中的段落已加框标出</translation>
    </message>
</context>
<context>
    <name>PassageColumn</name>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一个</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一个 ▶</translation>
    </message>
    <message>
        <source>no passages</source>
        <translation>没有段落</translation>
    </message>
    <message>
        <source>%1 is not among the themes of %2.</source>
        <translation>“%1”不在%2的主题之中。</translation>
    </message>
    <message>
        <source>Choose a theme to see its passages here.</source>
        <translation>选择一个主题，即可在此查看其段落。</translation>
    </message>
    <message>
        <source>%1 passages</source>
        <translation>%1 个段落</translation>
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
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>pp. %1–%2</source>
        <translation>第 %1–%2 页</translation>
    </message>
    <message>
        <source>(its passage changed)</source>
        <translation>（其段落已更改）</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>%1 文件</translation>
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
        <translation>%1 已存在。
要替换它吗？</translation>
    </message>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ReadingView</name>
    <message>
        <source>p. %1</source>
        <translation>第 %1 页</translation>
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
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>Hit</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页码</translation>
    </message>
</context>
<context>
    <name>SearchResultsPanel</name>
    <message>
        <source>Search Results</source>
        <translation>搜索结果</translation>
    </message>
    <message>
        <source>Searching all articles for “%1”…</source>
        <translation>正在所有文章中搜索“%1”…</translation>
    </message>
    <message>
        <source>“%1” is in no article.</source>
        <translation>没有任何文章包含“%1”。</translation>
    </message>
    <message>
        <source>1 hit</source>
        <translation>1 处</translation>
    </message>
    <message>
        <source>%1 hits</source>
        <translation>%1 处</translation>
    </message>
    <message>
        <source>in 1 article</source>
        <translation>见于 1 篇文章</translation>
    </message>
    <message>
        <source>in %1 articles</source>
        <translation>见于 %1 篇文章</translation>
    </message>
    <message>
        <source>“%1”: %2 %3</source>
        <translation>“%1”：%2，%3</translation>
    </message>
</context>
<context>
    <name>Services</name>
    <message>
        <source>Not saved: Meipi could not open %1, which holds your notes. Check that its folder exists and that you may write to it, then try again.</source>
        <translation>未保存：Meipi 无法打开存放您笔记的 %1。请确认其文件夹存在且您可写入，再试一次。</translation>
    </message>
    <message>
        <source>Not saved: Meipi could not open %1, which holds your notes.</source>
        <translation>未保存：Meipi 无法打开存放您笔记的 %1。</translation>
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
        <translation>显示哪些批注</translation>
    </message>
    <message>
        <source>Filter quotes, notes and tags…</source>
        <translation>筛选引文、笔记和标签…</translation>
    </message>
    <message>
        <source>Filter annotations</source>
        <translation>筛选批注</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear every filter</source>
        <translation>清除所有筛选条件</translation>
    </message>
    <message>
        <source>Filter by colour</source>
        <translation>按颜色筛选</translation>
    </message>
    <message>
        <source>Filter by tag</source>
        <translation>按标签筛选</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>批注</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>颜色</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>读取中…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1／%2</translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n 条批注</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Go to Passage</source>
        <translation>转到段落(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
</context>
<context>
    <name>TagManager</name>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>重命名(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Merge Into…</source>
        <translation>合并到(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Colour</source>
        <translation>颜色(&amp;C)</translation>
    </message>
    <message>
        <source>No colour</source>
        <translation>无颜色</translation>
    </message>
    <message>
        <source>Descri&amp;ption…</source>
        <translation>描述(&amp;P)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Delete Tag %1</source>
        <translation>删除标签“%1”</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %1 from %n annotation(s) (they are kept).</source>
        <translation>
            <numerusform>已从 %n 条批注中删除“%1”（批注本身保留）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged %1 into %3 on %n annotation(s).</source>
        <translation>
            <numerusform>已在 %n 条批注上将“%1”合并到“%3”。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Renamed %1 to %3 on %n annotation(s).</source>
        <translation>
            <numerusform>已在 %n 条批注上将“%1”重命名为“%3”。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>New name for %1 (%n annotation(s); tags under it follow):</source>
        <translation>
            <numerusform>“%1”的新名称（%n 条批注；其下的标签一并更改）：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 already exists. Merge %2 into it (%n annotation(s))?</source>
        <translation>
            <numerusform>“%1”已存在。要将“%2”合并进去吗（%n 条批注）？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merge %1 (%n annotation(s)) into:</source>
        <translation>
            <numerusform>将“%1”（%n 条批注）合并到：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove the tag %1 (and any tag under it) from %n annotation(s)? The annotations stay; Undo puts the tag back.</source>
        <translation>
            <numerusform>要从 %n 条批注中移除标签“%1”（及其下所有标签）吗？批注本身会保留；“撤销”可将标签加回。</numerusform>
        </translation>
    </message>
    <message>
        <source>Merge Tag %1 Into %2</source>
        <translation>将标签“%1”合并到“%2”</translation>
    </message>
    <message>
        <source>Rename Tag %1 to %2</source>
        <translation>将标签“%1”重命名为“%2”</translation>
    </message>
    <message>
        <source>(%1 undoes it.)</source>
        <translation>（按 %1 可撤销。）</translation>
    </message>
    <message>
        <source>Tag Colour</source>
        <translation>标签颜色</translation>
    </message>
    <message>
        <source>Tag Description</source>
        <translation>标签描述</translation>
    </message>
    <message>
        <source>Rename Tag</source>
        <translation>重命名标签</translation>
    </message>
    <message>
        <source>Merge Tags</source>
        <translation>合并标签</translation>
    </message>
    <message>
        <source>Merge Tag</source>
        <translation>合并标签</translation>
    </message>
    <message>
        <source>Delete Tag</source>
        <translation>删除标签</translation>
    </message>
    <message>
        <source>What %1 means:</source>
        <translation>“%1”的含义：</translation>
    </message>
</context>
<context>
    <name>TagTreeModel</name>
    <message>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>批注</translation>
    </message>
</context>
<context>
    <name>TextDetailsDialog</name>
    <message>
        <source>Text Details — %1</source>
        <translation>文本信息 — %1</translation>
    </message>
    <message>
        <source>The id cannot change: annotations refer to it.</source>
        <translation>标识符不能更改：批注以它为依据。</translation>
    </message>
    <message>
        <source>Id:</source>
        <translation>标识符：</translation>
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
        <translation>Pandoc 和 Better BibTeX 以 [@引用键] 引用这个文本。留空时为：%1</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;English title:</source>
        <translation>英文标题(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Authors:</source>
        <translation>作者(&amp;A)：</translation>
    </message>
    <message>
        <source>Affi&amp;liation:</source>
        <translation>所属机构(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Venue:</source>
        <translation>刊名(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Issue:</source>
        <translation>期号(&amp;I)：</translation>
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
        <translation>繁简(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;First page:</source>
        <translation>起始页码(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Citekey:</source>
        <translation>引用键(&amp;C)：</translation>
    </message>
    <message>
        <source>Fill from .bib/CSL-JSON…</source>
        <translation>从 .bib／CSL-JSON 填入…</translation>
    </message>
    <message>
        <source>Cannot Save the Details</source>
        <translation>无法保存文本信息</translation>
    </message>
</context>
<context>
    <name>ThemeBoard</name>
    <message>
        <source>Themes</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Filter themes</source>
        <translation>筛选主题</translation>
    </message>
    <message>
        <source>No database.</source>
        <translation>没有数据库。</translation>
    </message>
    <message>
        <source>No tags yet: tag passages in either article to compare them.</source>
        <translation>还没有标签：在任一篇文章中给段落加上标签，即可对比。</translation>
    </message>
</context>
<context>
    <name>ThemeMemoEditor</name>
    <message>
        <source>Theme memo</source>
        <translation>主题札记</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>札记</translation>
    </message>
    <message>
        <source>Choose a theme to write a memo on it.</source>
        <translation>选择一个主题，即可为它写札记。</translation>
    </message>
    <message>
        <source>Memo on %1</source>
        <translation>关于“%1”的札记</translation>
    </message>
    <message>
        <source>How do the two articles treat %1? (saved as you type)</source>
        <translation>两篇文章如何处理“%1”？（边写边存）</translation>
    </message>
    <message>
        <source>Not saved yet.</source>
        <translation>尚未保存。</translation>
    </message>
    <message>
        <source>The database is not open.</source>
        <translation>数据库未打开。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Your memo is not saved: %1 It stays here; it is saved when you edit it again once the problem is fixed.</source>
        <translation>您的札记未保存：%1 札记会留在这里；问题解决后再次编辑时就会保存。</translation>
    </message>
    <message>
        <source>Editing…</source>
        <translation>编辑中…</translation>
    </message>
</context>
<context>
    <name>ThemeTableModel</name>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Found only in</source>
        <translation>仅见于</translation>
    </message>
    <message>
        <source>Passages in %1</source>
        <translation>%1中的段落</translation>
    </message>
    <message>
        <source>only %1</source>
        <translation>仅见于%1</translation>
    </message>
    <message>
        <source>neither</source>
        <translation>均无</translation>
    </message>
    <message>
        <source>Found only in %1.</source>
        <translation>仅见于%1。</translation>
    </message>
    <message>
        <source>Found in neither article.</source>
        <translation>两篇文章都没有。</translation>
    </message>
    <message>
        <source>Memo: %1</source>
        <translation>札记：%1</translation>
    </message>
</context>
<context>
    <name>ViewsFeature</name>
    <message>
        <source>&amp;Mark Substituted Wording</source>
        <translation>标出替换的用词(&amp;M)</translation>
    </message>
    <message>
        <source>Underline phrases a view words differently from the original</source>
        <translation>在视图与原文用词不同的词语下加下划线</translation>
    </message>
    <message>
        <source>Software &amp;Vocabulary in This Text</source>
        <translation>本文套用软件用语(&amp;V)</translation>
    </message>
    <message>
        <source>Let OpenCC&apos;s software-localisation wording through in this text (建立→创建, 執行→运行); off, prose keeps its own words</source>
        <translation>让 OpenCC 的软件本地化用语应用到这个文本（建立→创建、執行→运行）；关闭时，文章保留原来的用词</translation>
    </message>
    <message>
        <source>Mainland &amp;Quotation Marks “”</source>
        <translation>大陆式引号 “”(&amp;Q)</translation>
    </message>
    <message>
        <source>Show 「」『』 as “”‘’ in 简体（大陆用语）</source>
        <translation>在简体（大陆用语）中将 「」『』 显示为 “”‘’</translation>
    </message>
    <message>
        <source>&amp;Glossary…</source>
        <translation>词汇表(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Script</source>
        <translation>繁简(&amp;S)</translation>
    </message>
    <message>
        <source>Script view (Ctrl+1 … Ctrl+6)</source>
        <translation>繁简视图（Ctrl+1 … Ctrl+6）</translation>
    </message>
    <message>
        <source>Script view</source>
        <translation>繁简视图</translation>
    </message>
    <message>
        <source>Converting to %1…</source>
        <translation>正在转换为%1…</translation>
    </message>
    <message>
        <source>The view could not be made: %1</source>
        <translation>无法生成这个视图：%1</translation>
    </message>
    <message>
        <source>The same as 原文 for this article</source>
        <translation>本文在此视图中与原文相同</translation>
    </message>
    <message>
        <source>「原文：%1」 (your conversion)</source>
        <translation>「原文：%1」（您的转换）</translation>
    </message>
    <message>
        <source>「原文：%1」 — its form depends on the meaning (系/係/繫); left as OpenCC has it</source>
        <translation>「原文：%1」— 字形依词义而定（系／係／繫）；保留 OpenCC 的结果</translation>
    </message>
    <message>
        <source>regional wording from OpenCC&apos;s phrase tables</source>
        <translation>来自 OpenCC 词组表的地区用语</translation>
    </message>
    <message>
        <source>regional wording from Meipi&apos;s lexicon of names</source>
        <translation>来自 Meipi 名称词库的地区用语</translation>
    </message>
    <message>
        <source>Meipi&apos;s correction of an OpenCC table fault</source>
        <translation>Meipi 对 OpenCC 词表错误的修正</translation>
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
        <translation>停止按我的方式转换“%1”</translation>
    </message>
    <message>
        <source>Keep %1 Unsubstituted</source>
        <translation>保留“%1”不替换</translation>
    </message>
    <message>
        <source>No substitution for this phrase in any view; its characters still follow the view&apos;s script</source>
        <translation>任何视图都不替换这个词语；字形仍随视图的繁简转换</translation>
    </message>
    <message>
        <source>Convert %1 to…</source>
        <translation>将“%1”转换为…</translation>
    </message>
    <message>
        <source>%1 keeps its wording in every view (its characters follow the script).</source>
        <translation>“%1”在每种视图中都保留用词（字形随繁简转换）。</translation>
    </message>
    <message>
        <source>Convert Your Way</source>
        <translation>按您的方式转换</translation>
    </message>
    <message>
        <source>Show %1 in every view as:</source>
        <translation>在每种视图中将“%1”显示为：</translation>
    </message>
</context>
<context>
    <name>VocabularyDialog</name>
    <message>
        <source>Vocabulary</source>
        <translation>生词本</translation>
    </message>
    <message>
        <source>Word</source>
        <translation>词语</translation>
    </message>
    <message>
        <source>Pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>释义</translation>
    </message>
    <message>
        <source>Sentence</source>
        <translation>原句</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>页码</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Export for &amp;Anki…</source>
        <translation>导出为 Anki 卡片(&amp;A)…</translation>
    </message>
    <message>
        <source>Definitions: CC-CEDICT (English), CC BY-SA 4.0.</source>
        <translation>释义：CC-CEDICT（英文），CC BY-SA 4.0。</translation>
    </message>
    <message>
        <source>%1 words in %2</source>
        <translation>%2中有 %1 个词语</translation>
    </message>
    <message>
        <source>Delete from Vocabulary</source>
        <translation>从生词本删除</translation>
    </message>
    <message>
        <source>Delete %1 from your vocabulary, with what you wrote about it?</source>
        <translation>要从生词本删除“%1”，连同您为它写下的内容吗？</translation>
    </message>
    <message>
        <source>Export for Anki</source>
        <translation>导出为 Anki 卡片</translation>
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
        <translation>注音符号</translation>
    </message>
    <message>
        <source>Add to Vocabulary</source>
        <translation>加入生词本</translation>
    </message>
    <message>
        <source>CC-CEDICT (CC BY-SA 4.0), English definitions</source>
        <translation>CC-CEDICT（CC BY-SA 4.0），英文释义</translation>
    </message>
    <message>
        <source>This view words it %1; the original has %2.</source>
        <translation>这个视图写作“%1”；原文为“%2”。</translation>
    </message>
    <message>
        <source>Not in the dictionary.</source>
        <translation>词典中没有这个词。</translation>
    </message>
</context>
<context>
    <name>WordsFeature</name>
    <message>
        <source>&amp;Look Up Word</source>
        <translation>查词(&amp;L)</translation>
    </message>
    <message>
        <source>V&amp;ocabulary…</source>
        <translation>生词本(&amp;O)…</translation>
    </message>
    <message>
        <source>Word segmentation is unavailable: %1</source>
        <translation>无法使用分词：%1</translation>
    </message>
    <message>
        <source>Loading the dictionary…</source>
        <translation>正在加载词典…</translation>
    </message>
    <message>
        <source>Vocabulary</source>
        <translation>生词本</translation>
    </message>
    <message>
        <source>The database cannot be opened.</source>
        <translation>无法打开数据库。</translation>
    </message>
    <message>
        <source>Added %1 to your vocabulary.</source>
        <translation>已将“%1”加入生词本。</translation>
    </message>
    <message>
        <source>%1 is already in your vocabulary.</source>
        <translation>“%1”已在生词本中。</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source> (process %1)</source>
        <translation>（进程 %1）</translation>
    </message>
    <message>
        <source>Meipi is already open on %1%2. Switch to that window, or close it and start Meipi again.</source>
        <translation>另一个 Meipi 窗口已打开 %1%2。请切换到该窗口，或将其关闭后再重新启动 Meipi。</translation>
    </message>
    <message>
        <source>Meipi is already open</source>
        <translation>Meipi 已经打开</translation>
    </message>
</context>
</TS>
