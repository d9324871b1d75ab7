using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;

namespace TechLead.Digest;

/// <summary>
/// The digest's Liquid templates (Digest/Templates, embedded), rendered with Fluid. The HTML template encodes every
/// value by default; the text template is rendered without encoding. Parsed once per process.
/// </summary>
internal static class DigestTemplates
{
    private static readonly FluidParser Parser = new();
    private static readonly ConcurrentDictionary<string, IFluidTemplate> Parsed = new(StringComparer.Ordinal);
    private static readonly TemplateOptions Options = CreateOptions();

    public static string Html(DigestView view) => Render("digest.html.liquid", view, HtmlEncoder.Default);

    public static string Text(DigestView view) => Render("digest.txt.liquid", view, NullEncoder.Default);

    private static string Render(string name, DigestView view, TextEncoder encoder)
    {
        var template = Parsed.GetOrAdd(name, Load);
        var context = new TemplateContext(Options);
        context.SetValue("view", view);
        return template.Render(context, encoder);
    }

    private static IFluidTemplate Load(string name)
    {
        var resource = $"TechLead.Digest.Templates.{name}";
        using var stream = typeof(DigestTemplates).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded template {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return Parser.TryParse(reader.ReadToEnd(), out var template, out var error)
            ? template
            : throw new InvalidOperationException($"Template {name} does not parse: {error}");
    }

    private static TemplateOptions CreateOptions()
    {
        // Not strict: a null value (no link, no note) is simply absent, as in Liquid.
        var options = new TemplateOptions();
        foreach (var type in new[]
        {
            typeof(DigestView), typeof(MoveView), typeof(AttentionView), typeof(LinkView), typeof(ChartView), typeof(GroupView),
            typeof(RowView), typeof(GlossaryGroupView), typeof(GlossaryView), typeof(TierView), typeof(TierRowView),
        })
        {
            options.MemberAccessStrategy.Register(type);
        }

        return options;
    }
}
