using Microsoft.AspNetCore.Http;

namespace TechLead.Access;

/// <summary>
/// The Host names a server with no sign-in answers: this machine's loopback names only. One list for serve's host
/// filtering, Local mode's gate and the loopback origins a change may come from.
/// </summary>
public static class LoopbackHosts
{
    public static IReadOnlyList<string> Names { get; } = ["127.0.0.1", "localhost", "[::1]"];

    /// <summary>Whether <paramref name="host"/> (port ignored) is one of <see cref="Names"/>; an empty Host is not.</summary>
    public static bool Allows(HostString host) =>
        host.HasValue && Names.Contains(host.Host, StringComparer.OrdinalIgnoreCase);
}
