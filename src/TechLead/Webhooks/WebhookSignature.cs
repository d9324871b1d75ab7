using System.Security.Cryptography;
using System.Text;

namespace TechLead.Webhooks;

/// <summary>
/// GitHub's <c>X-Hub-Signature-256</c>: <c>sha256=</c> + hex HMAC-SHA256 of the raw body with the webhook secret,
/// compared in constant time. No secret or no signature is never valid (unlike validators that pass when both are absent).
/// </summary>
internal static class WebhookSignature
{
    private const string Prefix = "sha256=";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool IsValid(IEnumerable<string> secrets, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrEmpty(header) || !header.StartsWith(Prefix, StringComparison.Ordinal) || header.Length != Prefix.Length + 64)
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[32];
        if (Convert.FromHexString(header.AsSpan(Prefix.Length), presented, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        var valid = false;
        foreach (var secret in secrets)
        {
            var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
            // Check every secret (no early exit) so timing does not reveal which one matched.
            valid |= CryptographicOperations.FixedTimeEquals(expected, presented);
        }

        return valid;
    }
}
