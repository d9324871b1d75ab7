using Microsoft.AspNetCore.Http;

namespace TechLead.Http;

/// <summary>Request bodies read with a limit, so no endpoint buffers more than it accepts.</summary>
internal static class RequestBody
{
    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger (checked before and while reading).</summary>
    public static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
