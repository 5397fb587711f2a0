<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AnnotationEdits</name>
    <message numerus="yes">
        <source>The text of %1 changed: %n annotation(s) could not be placed again and are kept, marked as not found in the text, in the sidebar.</source>
        <translation>
            <numerusform>The text of %1 changed: %n annotation could not be placed again and is kept, marked as not found in the text, in the sidebar.</numerusform>
            <numerusform>The text of %1 changed: %n annotations could not be placed again and are kept, marked as not found in the text, in the sidebar.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>Left out %n text(s) with no matching annotation.</source>
        <translation>
            <numerusform>Left out %n text with no matching annotation.</numerusform>
            <numerusform>Left out %n texts with no matching annotation.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n annotation(s) kept for texts no longer in the library (%1) cannot be exported: import a text again with its id to bring them back.</source>
        <translation>
            <numerusform>%n annotation kept for a text no longer in the library (%1) cannot be exported: import the text again with its id to bring it back.</numerusform>
            <numerusform>%n annotations kept for texts no longer in the library (%1) cannot be exported: import a text again with its id to bring them back.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Sidebar</name>
    <message numerus="yes">
        <source>%n annotation(s)</source>
        <translation>
            <numerusform>%n annotation</numerusform>
            <numerusform>%n annotations</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TagManager</name>
    <message numerus="yes">
        <source>Deleted %1 from %n annotation(s) (they are kept).</source>
        <translation>
            <numerusform>Deleted %1 from %n annotation (it is kept).</numerusform>
            <numerusform>Deleted %1 from %n annotations (they are kept).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged %1 into %3 on %n annotation(s).</source>
        <translation>
            <numerusform>Merged %1 into %3 on %n annotation.</numerusform>
            <numerusform>Merged %1 into %3 on %n annotations.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Renamed %1 to %3 on %n annotation(s).</source>
        <translation>
            <numerusform>Renamed %1 to %3 on %n annotation.</numerusform>
            <numerusform>Renamed %1 to %3 on %n annotations.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>New name for %1 (%n annotation(s); tags under it follow):</source>
        <translation>
            <numerusform>New name for %1 (%n annotation; tags under it follow):</numerusform>
            <numerusform>New name for %1 (%n annotations; tags under it follow):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 already exists. Merge %2 into it (%n annotation(s))?</source>
        <translation>
            <numerusform>%1 already exists. Merge %2 into it (%n annotation)?</numerusform>
            <numerusform>%1 already exists. Merge %2 into it (%n annotations)?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merge %1 (%n annotation(s)) into:</source>
        <translation>
            <numerusform>Merge %1 (%n annotation) into:</numerusform>
            <numerusform>Merge %1 (%n annotations) into:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove the tag %1 (and any tag under it) from %n annotation(s)? The annotations stay; Undo puts the tag back.</source>
        <translation>
            <numerusform>Remove the tag %1 (and any tag under it) from %n annotation? The annotation stays; Undo puts the tag back.</numerusform>
            <numerusform>Remove the tag %1 (and any tag under it) from %n annotations? The annotations stay; Undo puts the tag back.</numerusform>
        </translation>
    </message>
</context>
</TS>
