package io.jiebang.console.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jiebang.platform.domain.Rejection;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class AttachmentFilesTest {

    @Test
    void photosGetAThumbnailNoLargerThan320PixelsASide() throws IOException {
        AttachmentFiles.Checked png = AttachmentFiles.check("路灯.png", image("png", 1600, 900));
        assertThat(png.contentType()).isEqualTo("image/png");
        BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(png.thumbnail()));
        assertThat(thumbnail.getWidth()).isEqualTo(320);
        assertThat(thumbnail.getHeight()).isEqualTo(180);

        AttachmentFiles.Checked small = AttachmentFiles.check("IMG_0001.JPG", image("jpg", 100, 40));
        assertThat(small.contentType()).isEqualTo("image/jpeg");
        assertThat(ImageIO.read(new ByteArrayInputStream(small.thumbnail())).getWidth()).as("never enlarged").isEqualTo(100);
        assertThat(AttachmentFiles.check("scan", image("gif", 10, 10)).contentType()).as("a name without extension")
                .isEqualTo("image/gif");
    }

    @Test
    void documentsAreToldByTheirContentAndHaveNoThumbnail() throws IOException {
        AttachmentFiles.Checked pdf = AttachmentFiles.check("验收报告.pdf", pdf());
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.thumbnail()).isNull();

        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            workbook.createSheet("台账").createRow(0).createCell(0).setCellValue("路灯");
            workbook.write(xlsx);
        }
        assertThat(AttachmentFiles.check("台账.xlsx", xlsx.toByteArray()).contentType())
                .isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    @Test
    void aFileIsRefusedForWhatItIsNotForWhatItIsCalled() throws IOException {
        assertThatThrownBy(() -> AttachmentFiles.check("photo.png", "not a picture at all".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("attachment-type-not-allowed"))
                .hasMessageContaining("text/plain");
        byte[] program = new byte[64];
        program[0] = 'M';
        program[1] = 'Z';
        assertThatThrownBy(() -> AttachmentFiles.check("setup.exe", program))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("attachment-type-not-allowed"));
        assertThatThrownBy(() -> AttachmentFiles.check("evidence.jpg", pdf()))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("attachment-type-mismatch"))
                .hasMessage("evidence.jpg is named as image/jpeg but its content is application/pdf");
        assertThatThrownBy(() -> AttachmentFiles.check("empty.pdf", new byte[0]))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("attachment-empty"));
    }

    @Test
    void aBrokenOrHugePictureIsRefused() throws IOException {
        byte[] png = image("png", 50, 50);
        byte[] cut = java.util.Arrays.copyOf(png, 40);
        assertThatThrownBy(() -> AttachmentFiles.check("broken.png", cut))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("attachment-image-unreadable"));
        // A PNG whose header claims 100,000 x 100,000 pixels: refused before it is decoded.
        byte[] huge = png.clone();
        writeInt(huge, 16, 100_000);
        writeInt(huge, 20, 100_000);
        assertThatThrownBy(() -> AttachmentFiles.check("huge.png", huge))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo("attachment-image-too-large"));
    }

    static byte[] image(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    static byte[] pdf() {
        return ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                + "trailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void writeInt(byte[] bytes, int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }
}
