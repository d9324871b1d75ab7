using TechLead.Review;

namespace TechLead.Tests.Review;

/// <summary>Draft text from PR titles, ADRs and model answers renders as markdown, and anything active ends as text.</summary>
public sealed class DraftMarkdownTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Fix <img src=x onerror=alert(1)> in checkout")]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x](&#106;avascript:alert(1))")]
    [InlineData("<a href=\"javascript:alert(1)\">click</a>")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("[x](//evil.example/steal)")]
    [InlineData("![pixel](javascript:alert(1))")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("[ref]\n\n[ref]: javascript:alert(1)")]
    public void Hostile_text_ends_as_text(string markdown)
    {
        var html = DraftMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"data:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"vbscript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"//", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a href=\"&", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Raw_html_is_shown_as_text()
    {
        Assert.Contains("&lt;script&gt;", DraftMarkdown.ToHtml("<script>alert(1)</script>"), StringComparison.Ordinal);
    }

    [Fact]
    public void Headings_lists_and_links_render()
    {
        var html = DraftMarkdown.ToHtml("## Release 2.3\n\n- [#12 Add export](https://github.com/octo/api/pull/12)\n- see https://github.com/octo/api\n- mail <ops@example.com>");

        Assert.Contains("<h2>Release 2.3</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"https://github.com/octo/api/pull/12\">#12 Add export</a></li>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://github.com/octo/api\">", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:ops@example.com\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_from_another_host_becomes_a_link_and_is_never_loaded()
    {
        var html = DraftMarkdown.ToHtml("![chart](https://evil.example/pixel.png)");

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://evil.example/pixel.png\">chart</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_link_keeps_its_text()
    {
        Assert.Equal("<p>click me</p>\n", DraftMarkdown.ToHtml("[click me](javascript:alert(1))"));
    }
}
