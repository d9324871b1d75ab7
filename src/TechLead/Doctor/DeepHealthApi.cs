using Microsoft.AspNetCore.Http;
using TechLead.Access;

namespace TechLead.Doctor;

/// <summary>
/// <c>GET /api/health?checks=deep</c>: every configured connection tried live, as <c>TechLead.Local doctor</c> does,
/// answered as JSON; never a test message. Plain <c>/api/health</c> stays open; the deep checks reach every service
/// with the app's credentials, so only a signed-in reviewer may start them (the same gate, the Reviewer role).
/// 200 when everything configured works, 503 otherwise, with the same results either way.
/// </summary>
public sealed class DeepHealthApi(DoctorRun doctor, AccessGate gate)
{
    public const string Parameter = "checks";
    public const string Deep = "deep";

    public async Task<IResult> GetAsync(HttpRequest request, string checks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!string.Equals(checks.Trim(), Deep, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(title: $"Unknown {Parameter}", statusCode: StatusCodes.Status400BadRequest,
                detail: $"{Parameter} must be '{Deep}' (GET /api/health?{Parameter}={Deep} tries every connection), or left out for the storage health.");
        }

        if (gate.Check(request.HttpContext, RouteAccess.Reviewer, "Deep health checks (every connection tried with the app's credentials)") is { } refused)
        {
            return refused;
        }

        var report = await doctor.RunAsync(new DoctorOptions(SendTest: false), cancellationToken);
        return TypedResults.Json(report, DoctorJson.Options, statusCode: report.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
