using System.Text;

namespace TechLead.Drafting;

/// <summary>Markdown and HTML from a <see cref="DraftDocument"/>, encoded by the guardrails' rules.</summary>
public sealed class DraftRenderer(DraftGuardrails guardrails)
{
    public string Markdown(DraftDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var builder = new StringBuilder();
        builder.Append("## ").AppendLine(DraftGuardrails.EncodeMarkdown(document.Title));
        if (!string.IsNullOrWhiteSpace(document.Notice))
        {
            builder.AppendLine().Append("> ").AppendLine(DraftGuardrails.EncodeMarkdown(document.Notice));
        }

        foreach (var section in document.Sections)
        {
            builder.AppendLine().Append("### ").AppendLine(DraftGuardrails.EncodeMarkdown(section.Heading)).AppendLine();
            foreach (var line in section.Lines)
            {
                builder.Append("- ").Append(DraftGuardrails.EncodeMarkdown(line.Text));
                if (line.References.Count > 0)
                {
                    builder.Append(" (").AppendJoin(", ", line.References.Select(MarkdownReference)).Append(')');
                }

                builder.AppendLine();
            }
        }

        return builder.ToString();
    }

    public string Html(DraftDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var builder = new StringBuilder();
        builder.Append("<h2>").Append(DraftGuardrails.EncodeHtml(document.Title)).AppendLine("</h2>");
        if (!string.IsNullOrWhiteSpace(document.Notice))
        {
            builder.Append("<p><em>").Append(DraftGuardrails.EncodeHtml(document.Notice)).AppendLine("</em></p>");
        }

        foreach (var section in document.Sections)
        {
            builder.Append("<h3>").Append(DraftGuardrails.EncodeHtml(section.Heading)).AppendLine("</h3>").AppendLine("<ul>");
            foreach (var line in section.Lines)
            {
                builder.Append("<li>").Append(DraftGuardrails.EncodeHtmlInline(line.Text));
                if (line.References.Count > 0)
                {
                    builder.Append(" (").AppendJoin(", ", line.References.Select(HtmlReference)).Append(')');
                }

                builder.AppendLine("</li>");
            }

            builder.AppendLine("</ul>");
        }

        return builder.ToString();
    }

    private string MarkdownReference(DraftReference reference) =>
        reference.Link is { } link && guardrails.IsAllowedLink(link)
            ? $"[{DraftGuardrails.EncodeMarkdown(reference.Label)}](<{link.AbsoluteUri}>)"
            : DraftGuardrails.EncodeMarkdown(reference.Label);

    private string HtmlReference(DraftReference reference) =>
        reference.Link is { } link && guardrails.IsAllowedLink(link)
            ? $"<a href=\"{DraftGuardrails.EncodeHtml(link.AbsoluteUri)}\">{DraftGuardrails.EncodeHtml(reference.Label)}</a>"
            : DraftGuardrails.EncodeHtml(reference.Label);
}
