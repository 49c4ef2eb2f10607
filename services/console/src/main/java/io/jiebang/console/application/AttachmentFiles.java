package io.jiebang.console.application;

import io.jiebang.platform.domain.Rejection;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * What an attached file is, told by its content (Apache Tika's magic bytes), never by its name alone; and the small
 * picture of an image. A name whose extension says another type than the content is refused, so that a file is never
 * shown or opened as what it is not.
 */
public final class AttachmentFiles {

    /** The types a topic may carry: photos, PDF and office documents. */
    static final Set<String> ALLOWED = Set.of("image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf",
            "application/msword", "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    /** Images the JDK reads, so that they get a thumbnail (WebP does not). */
    private static final Set<String> READABLE_IMAGES = Set.of("image/jpeg", "image/png", "image/gif");

    /** Longest side of a thumbnail, in pixels. */
    public static final int THUMBNAIL_SIDE = 320;

    /** Images larger than this are not decoded (a small file can claim a huge picture). */
    private static final long MAX_PIXELS = 50_000_000L;

    private static final Tika TIKA = new Tika();

    private AttachmentFiles() {
    }

    /** A checked file: its type by content, and its thumbnail (JPEG) or null. */
    public record Checked(String contentType, byte[] thumbnail) {
    }

    public static Checked check(String name, byte[] content) {
        if (content.length == 0) {
            throw Rejection.invalid("file", "attachment-empty", "the file {0} is empty", name);
        }
        String byContent = type(TIKA.detect(content));
        String detected = type(TIKA.detect(content, name));
        if (!ALLOWED.contains(detected)) {
            throw Rejection.invalid("file", "attachment-type-not-allowed",
                    "{0} is {1}; a topic takes photos (JPEG, PNG, GIF, WebP), PDF, Word and Excel files", name, byContent);
        }
        String byName = type(TIKA.detect(name));
        if (!byName.equals(MimeTypes.OCTET_STREAM) && !byName.equals(detected)) {
            throw Rejection.invalid("file", "attachment-type-mismatch", "{0} is named as {1} but its content is {2}",
                    name, byName, detected);
        }
        return new Checked(detected, READABLE_IMAGES.contains(detected) ? thumbnail(name, content) : null);
    }

    private static String type(String tika) {
        return MediaType.parse(tika).getBaseType().toString();
    }

    /** A JPEG at most THUMBNAIL_SIDE a side; an image the JDK cannot decode is refused as broken. */
    static byte[] thumbnail(String name, byte[] content) {
        BufferedImage image = decode(name, content);
        double scale = Math.min(1.0, (double) THUMBNAIL_SIDE / Math.max(image.getWidth(), image.getHeight()));
        int width = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.setColor(Color.WHITE); // JPEG has no transparency: a transparent PNG shows on white
            g.fillRect(0, 0, width, height);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(small, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static BufferedImage decode(String name, byte[] content) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (in != null && readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    if ((long) reader.getWidth(0) * reader.getHeight(0) <= MAX_PIXELS) {
                        return reader.read(0);
                    }
                    throw Rejection.invalid("file", "attachment-image-too-large",
                            "the picture {0} has more than 50 million pixels", name);
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Rejection rejection) {
                throw rejection;
            }
        }
        throw Rejection.invalid("file", "attachment-image-unreadable", "the picture {0} cannot be read", name);
    }
}
