using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace TechLead.Access;

/// <summary>
/// The person App Service Authentication signed in, from the headers its front end sets (X-MS-CLIENT-PRINCIPAL: base64
/// JSON with <c>claims</c> of <c>typ</c>/<c>val</c>, <c>name_typ</c> and <c>role_typ</c>).
/// </summary>
internal static class PlatformPrincipal
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";
    public const string IdHeader = "X-MS-CLIENT-PRINCIPAL-ID";
    public const string NameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";
    public const string IdpHeader = "X-MS-CLIENT-PRINCIPAL-IDP";

    /// <summary>Entra ID's object id claim, as App Service Authentication passes it on.</summary>
    public const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    /// <summary>
    /// <paramref name="ObjectId"/>: the Entra object id (the oid claim, else the -ID header) when Entra ID signed the
    /// person in; unlike the name, it never changes and is never reused.
    /// </summary>
    public sealed record Principal(string Name, string Provider, string Id, IReadOnlySet<string> Roles, Guid? ObjectId = null);

    /// <summary>The principal, or null unless all three of the platform's headers are there.</summary>
    public static Principal? Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Headers[IdHeader].ToString();
        var provider = request.Headers[IdpHeader].ToString();
        var encoded = request.Headers[Header].ToString();
        if (id.Length == 0 || provider.Length == 0 || encoded.Length == 0)
        {
            return null;
        }

        var (claimedName, roles, oid) = Claims(encoded);
        var name = request.Headers[NameHeader].ToString();
        Guid? objectId = !string.Equals(provider, "aad", StringComparison.OrdinalIgnoreCase) ? null
            : Guid.TryParse(oid ?? id, out var parsed) ? parsed : null;
        return new Principal(name.Length > 0 ? name : claimedName ?? id, provider, id, roles, objectId);
    }

    private static (string? Name, IReadOnlySet<string> Roles, string? ObjectId) Claims(string encoded)
    {
        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
            var root = document.RootElement;
            if (!root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return (null, new HashSet<string>(), null);
            }

            var nameType = root.TryGetProperty("name_typ", out var n) ? n.GetString() : null;
            var roleType = root.TryGetProperty("role_typ", out var r) ? r.GetString() : null;
            var pairs = claims.EnumerateArray()
                .Where(c => c.ValueKind == JsonValueKind.Object)
                .Select(c => (Type: c.TryGetProperty("typ", out var t) ? t.GetString() : null, Value: c.TryGetProperty("val", out var v) ? v.GetString() : null))
                .Where(c => c.Type is not null && !string.IsNullOrWhiteSpace(c.Value))
                .ToList();

            string? Claim(string? type) => type is null ? null : pairs.FirstOrDefault(c => c.Type == type).Value;

            // Entra ID sends app roles as "roles"; the platform may also map them to its role_typ claim type.
            var roles = pairs.Where(c => c.Type == "roles" || (roleType is not null && c.Type == roleType)).Select(c => c.Value!).ToHashSet(StringComparer.Ordinal);
            return (Claim(nameType) ?? Claim("preferred_username") ?? Claim("name"), roles, Claim(ObjectIdClaim) ?? Claim("oid"));
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException)
        {
            return (null, new HashSet<string>(), null);
        }
    }
}
