package home.connected.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void cutsWithAnEllipsisAndNeverSplitsASurrogatePair() {
        assertThat(Texts.cut("abcdef", 10)).isEqualTo("abcdef");
        assertThat(Texts.cut("abcdef", 4)).isEqualTo("abc…");
        assertThat(Texts.cut("ab❄️😀cd", 4)).hasSizeLessThanOrEqualTo(4).endsWith("…");
        assertThat(Texts.cut("ab😀cd", 4)).isEqualTo("ab…");
    }

    @Test
    void cutHtmlNeverLeavesHalfAnEntity() {
        assertThat(TelegramSender.cutHtml("a &lt;b&gt; c", 6)).isEqualTo("a …");
        assertThat(TelegramSender.cutHtml("a &lt;b&gt;", 20)).isEqualTo("a &lt;b&gt;");
    }

    @Test
    void oneLineJoinsLines() {
        assertThat(Texts.oneLine(" a\r\nb\tc ")).isEqualTo("a b c");
    }
}
