package io.jiebang.console.web;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * GeoReport v2's two formats, chosen by the resource's extension ({@code .json} or {@code .xml}): a list of
 * records, each an ordered map of the specification's field names. XML is written with the JDK's StAX writer
 * (escaping and the UTF-8 declaration as the specification asks): a list is a root element of items, e.g.
 * {@code <service_requests><request>…</request></service_requests>}; an absent value is an empty element.
 */
final class Open311Formats {

    static final MediaType XML = new MediaType("text", "xml", java.nio.charset.StandardCharsets.UTF_8);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The root and item element names of a list in XML. */
    record Names(String root, String item) {
        static final Names SERVICES = new Names("services", "service");
        static final Names REQUESTS = new Names("service_requests", "request");
        static final Names DEFINITION = new Names("service_definition", null);
        static final Names ERRORS = new Names("errors", "error");
    }

    private Open311Formats() {
    }

    static boolean known(String format) {
        return "json".equals(format) || "xml".equals(format);
    }

    static ResponseEntity<String> list(String format, HttpStatus status, Names names, List<Map<String, Object>> items) {
        if ("xml".equals(format)) {
            return ResponseEntity.status(status).contentType(XML).body(xml(names, items));
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(items));
    }

    /** One record (a service definition): an object in JSON, the root element's children in XML. */
    static ResponseEntity<String> single(String format, Names names, Map<String, Object> item) {
        if ("xml".equals(format)) {
            return ResponseEntity.ok().contentType(XML).body(xml(names, List.of(item)));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(item));
    }

    private static String xml(Names names, List<Map<String, Object>> items) {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement(names.root());
            for (Map<String, Object> item : items) {
                if (names.item() != null) {
                    xml.writeStartElement(names.item());
                }
                fields(xml, item);
                if (names.item() != null) {
                    xml.writeEndElement();
                }
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    private static void fields(XMLStreamWriter xml, Map<String, Object> item) throws XMLStreamException {
        for (Map.Entry<String, Object> field : item.entrySet()) {
            xml.writeStartElement(field.getKey());
            if (field.getValue() instanceof List<?> values) {
                // A list field (a definition's attributes) holds one element per value, named in the singular.
                for (Object value : values) {
                    xml.writeStartElement(field.getKey().replaceFirst("s$", ""));
                    if (value instanceof Map<?, ?> map) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> nested = (Map<String, Object>) map;
                        fields(xml, nested);
                    } else {
                        xml.writeCharacters(String.valueOf(value));
                    }
                    xml.writeEndElement();
                }
            } else if (field.getValue() != null) {
                xml.writeCharacters(field.getValue() instanceof Instant at ? at.toString() : String.valueOf(field.getValue()));
            }
            xml.writeEndElement();
        }
    }
}
