namespace TechLead.Digest;

/// <summary>A composed digest: subject and both bodies, ready to send or write to a file.</summary>
public sealed record DigestDocument(string Subject, string Html, string Text);
