package org.zarrscope.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The OME-XML schema ({@code http://www.openmicroscopy.org/Schemas/OME/2016-06}) as published in
 * {@code org.openmicroscopy:specification} (a test dependency), loaded from that jar with no
 * network: the one schema it imports ({@code xml.xsd}) is resolved to the copy in the same jar,
 * and any other import fails loudly instead of being fetched.
 */
public final class OmeXmlSchema {
    public static final String NAMESPACE = "http://www.openmicroscopy.org/Schemas/OME/2016-06";
    private static final String OME_XSD = "released-schema/2016-06/ome.xsd";
    private static final Map<String, String> IMPORTS = Map.of(
            "http://www.w3.org/2001/xml.xsd", "released-schema/external/xml.xsd");
    private static volatile Schema schema;

    private OmeXmlSchema() {
    }

    /** The violations of {@code document} (one line each, with line and column); empty when it is valid. */
    public static List<String> violations(byte[] document) throws IOException {
        List<String> violations = new ArrayList<>();
        Validator validator = schema().newValidator();
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings (e.g. about the schema itself) do not make a document invalid
            }

            @Override
            public void error(SAXParseException e) {
                violations.add(describe(e));
            }

            @Override
            public void fatalError(SAXParseException e) {
                violations.add(describe(e));
            }
        });
        try {
            validator.validate(new StreamSource(new ByteArrayInputStream(document)));
        } catch (SAXParseException e) {
            // a document that is not even well-formed: reported above already
            if (violations.isEmpty()) {
                violations.add(describe(e));
            }
        } catch (SAXException e) {
            violations.add(e.getMessage());
        }
        return violations;
    }

    private static String describe(SAXParseException e) {
        return "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + e.getMessage();
    }

    private static Schema schema() {
        Schema current = schema;
        if (current != null) {
            return current;
        }
        synchronized (OmeXmlSchema.class) {
            if (schema == null) {
                URL xsd = resource(OME_XSD);
                SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                factory.setResourceResolver(new JarResolver());
                try {
                    schema = factory.newSchema(xsd);
                } catch (SAXException e) {
                    throw new IllegalStateException("cannot load the OME schema " + xsd + ": " + e.getMessage(), e);
                }
            }
            return schema;
        }
    }

    private static URL resource(String path) {
        URL url = OmeXmlSchema.class.getClassLoader().getResource(path);
        if (url == null) {
            throw new IllegalStateException(path + " is not on the test class path: the test dependency "
                    + "org.openmicroscopy:specification provides it");
        }
        return url;
    }

    /** Resolves the schema's imports to the copies inside the specification jar, never to the network. */
    private static final class JarResolver implements LSResourceResolver {
        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId, String baseUri) {
            String local = IMPORTS.get(systemId);
            if (local == null) {
                throw new IllegalStateException("the OME schema imports " + systemId + " (namespace " + namespace
                        + "), which is not in the specification jar; refusing to fetch it");
            }
            return new JarInput(resource(local), publicId, systemId, baseUri);
        }
    }

    /** A schema document from the class path. */
    private static final class JarInput implements LSInput {
        private final URL url;
        private String publicId;
        private String systemId;
        private String baseUri;

        JarInput(URL url, String publicId, String systemId, String baseUri) {
            this.url = url;
            this.publicId = publicId;
            this.systemId = systemId;
            this.baseUri = baseUri;
        }

        @Override
        public InputStream getByteStream() {
            try {
                return url.openStream();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + url, e);
            }
        }

        @Override public Reader getCharacterStream() { return null; }
        @Override public void setCharacterStream(Reader characterStream) { throw new UnsupportedOperationException(); }
        @Override public void setByteStream(InputStream byteStream) { throw new UnsupportedOperationException(); }
        @Override public String getStringData() { return null; }
        @Override public void setStringData(String stringData) { throw new UnsupportedOperationException(); }
        @Override public String getSystemId() { return systemId; }
        @Override public void setSystemId(String value) { systemId = value; }
        @Override public String getPublicId() { return publicId; }
        @Override public void setPublicId(String value) { publicId = value; }
        @Override public String getBaseURI() { return baseUri; }
        @Override public void setBaseURI(String value) { baseUri = value; }
        @Override public String getEncoding() { return null; }
        @Override public void setEncoding(String encoding) { throw new UnsupportedOperationException(); }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCertifiedText(boolean certifiedText) { throw new UnsupportedOperationException(); }
    }
}
