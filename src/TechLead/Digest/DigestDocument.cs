using TechLead.Overview;

namespace TechLead.Digest;

/// <summary>
/// A composed digest: subject, the email's HTML (charts as <c>cid:</c> references to <see cref="Images"/>), its plain-text
/// part, and the HTML file version with the same charts embedded as data: URIs.
/// </summary>
public sealed record DigestDocument(string Subject, string Html, string Text, string FileHtml, IReadOnlyList<DigestImage> Images)
{
    /// <summary>The week's summary the email was composed around (the same one the dashboard's overview shows).</summary>
    internal WeekSummary Summary { get; init; } = null!;
}

/// <summary>An inline image: attached with this Content-ID and referenced as <c>cid:</c> from the HTML.</summary>
public sealed record DigestImage(string ContentId, byte[] Png);
