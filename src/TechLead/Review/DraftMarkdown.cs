using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TechLead.Review;

/// <summary>
/// A draft's markdown as it will read, in HTML, safe to put in the dashboard page: the one renderer every place that
/// shows draft text uses. Draft text mixes PR titles, ADR text and model answers, so none of it is trusted: raw HTML
/// is written as text (Markdig's DisableHtml), links keep only http, https and mailto addresses (any other, relative
/// ones included, become their text), GitHub-style autolinks stay, and images become a link to the picture (or their
/// alt text), so the page never loads another host's image (its CSP is default-src 'self').
/// </summary>
internal static class DraftMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UsePipeTables()
        .Build();

    private static readonly string[] AllowedSchemes = [Uri.UriSchemeHttp, Uri.UriSchemeHttps, Uri.UriSchemeMailto];

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrEmpty(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            Defuse(link);
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsAllowed(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url), copyChildren: false);
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>Whether an address may be a link: absolute, and http, https or mailto.</summary>
    public static bool IsAllowed(string? url) =>
        url is not null
        && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && AllowedSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase)
        && (uri.Scheme == Uri.UriSchemeMailto || uri.Host.Length > 0);

    private static void Defuse(LinkInline link)
    {
        if (link.IsImage)
        {
            // Never an <img>: a link to the picture when its address is allowed, else its alt text.
            var alt = PlainText(link);
            if (IsAllowed(link.Url))
            {
                var replacement = new LinkInline(link.Url!, link.Title ?? "");
                replacement.AppendChild(new LiteralInline(alt.Length > 0 ? alt : link.Url!));
                link.ReplaceBy(replacement, copyChildren: false);
            }
            else
            {
                link.ReplaceBy(new LiteralInline(alt), copyChildren: false);
            }

            return;
        }

        if (IsAllowed(link.Url))
        {
            return;
        }

        // The link's text stays, without the link.
        var parent = link.Parent;
        if (parent is null)
        {
            return;
        }

        var children = link.ToList();
        foreach (var child in children)
        {
            child.Remove();
            link.InsertBefore(child);
        }

        link.Remove();
    }

    private static string PlainText(ContainerInline container) => string.Concat(container.Select(inline => inline switch
    {
        LiteralInline literal => literal.Content.ToString(),
        CodeInline code => code.Content,
        ContainerInline inner => PlainText(inner),
        _ => "",
    }));
}
