using Microsoft.AspNetCore.Http;

namespace TechLead.Access;

/// <summary>The signed-in person a request comes from, as the gate established it.</summary>
internal sealed record Caller(string Name, string Provider, string? Id, bool IsReviewer)
{
    private static readonly object ItemKey = new();

    /// <summary>"ada@contoso.com (aad)", as shown next to a decision.</summary>
    public string Label => $"{Name} ({Provider})";

    /// <summary>Whose kept feedback this is: the platform's stable object id where there is one, never a display name alone.</summary>
    public string OwnerKey => $"{Provider}:{Id ?? Name}";

    internal void Attach(HttpContext context) => context.Items[ItemKey] = this;

    /// <summary>The caller the gate let through. Throws when a handler runs without the gate: fail closed, never anonymous.</summary>
    public static Caller Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HttpContext.Items.TryGetValue(ItemKey, out var caller) && caller is Caller known
            ? known
            : throw new InvalidOperationException("This handler ran without the access gate; every route must go through RouteGate.");
    }
}
