"""PDF/A-2u and PDF/UA-1 identification: XMP metadata matching the document info, an sRGB OutputIntent.

The XMP packet is written here rather than through pikepdf's metadata
editor so its bytes depend on the Brief alone (no editor timestamps): the
same brief and SOURCE_DATE_EPOCH still give the same file. pdfuaid is not
one of PDF/A's predefined schemas, so the packet declares it in a PDF/A
extension schema, as PDF/A-2 requires.
"""

from __future__ import annotations

import datetime as dt
import functools
import zlib
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

PDFA_PART, PDFA_CONFORMANCE, PDFUA_PART = 2, "U", 1


@functools.lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    """An sRGB ICC profile made by LittleCMS (through Pillow); its creation date is zeroed so
    the bytes never change."""
    from PIL import ImageCms

    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = bytes(12)  # dateTimeNumber: year, month, day, hours, minutes, seconds
    data[84:100] = bytes(16)  # profile ID: an MD5 over the header; all zero means "not computed"
    return bytes(data)


def _pdf_date(value: object) -> str:
    """D:YYYYMMDDHHmmSS+HH'mm' → ISO 8601 as XMP wants it."""
    text = str(value)[2:]
    stamp = dt.datetime.strptime(text[:14], "%Y%m%d%H%M%S")
    return stamp.strftime("%Y-%m-%dT%H:%M:%S") + (text[14:17] + ":" + text[18:20] if len(text) > 14 else "Z")


def _xmp(info: pikepdf.Dictionary, lang: str) -> bytes:
    def field(key: str) -> str:
        return escape(str(info[key])) if key in info else ""

    title, author, subject = field("/Title"), field("/Author"), field("/Subject")
    created = _pdf_date(info.CreationDate)
    modified = _pdf_date(info.ModDate) if "/ModDate" in info else created
    lang_attr = escape(lang, {'"': "&quot;"})
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang_attr}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>{field("/Creator")}</xmp:CreatorTool>
   <xmp:CreateDate>{created}</xmp:CreateDate>
   <xmp:ModifyDate>{modified}</xmp:ModifyDate>
   <xmp:MetadataDate>{modified}</xmp:MetadataDate>
   <pdf:Producer>{field("/Producer")}</pdf:Producer>
   <pdf:Keywords>{field("/Keywords")}</pdf:Keywords>
   <pdfaid:part>{PDFA_PART}</pdfaid:part>
   <pdfaid:conformance>{PDFA_CONFORMANCE}</pdfaid:conformance>
   <pdfuaid:part>{PDFUA_PART}</pdfuaid:part>
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>part</pdfaProperty:name>
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode("utf-8")


def make_archival(pdf: pikepdf.Pdf, lang: str) -> None:
    """Add XMP identification and the sRGB OutputIntent; drop document-info keys XMP cannot mirror;
    mark every annotation printable (PDF/A wants the Print flag on each)."""
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", ()):
            annotation.F = 4
    info = pdf.docinfo
    if "/Trapped" in info:
        del info["/Trapped"]  # ReportLab's /Trapped /False has no place in a PDF/A-2 info dictionary
    metadata = pdf.make_stream(_xmp(info, lang))
    metadata.Type = Name.Metadata
    metadata.Subtype = Name.XML
    pdf.Root.Metadata = metadata
    profile = pdf.make_stream(b"")
    profile.write(zlib.compress(srgb_profile(), 9), filter=Name.FlateDecode)
    profile.N = 3
    pdf.Root.OutputIntents = Array([Dictionary(
        Type=Name.OutputIntent, S=Name.GTS_PDFA1, OutputConditionIdentifier=String("sRGB IEC61966-2.1"),
        Info=String("sRGB IEC61966-2.1"), RegistryName=String("http://www.color.org"), DestOutputProfile=profile,
    )])
