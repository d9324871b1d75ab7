namespace TechLead.Access;

/// <summary>Who may call a route. Every route in the route table names one; the gate applies it in both hosts.</summary>
public enum RouteAccess
{
    /// <summary>Anyone (health: times and counts only, never text).</summary>
    Public,

    /// <summary>Anyone who can sign the body (GitHub's webhook: the handler checks the HMAC; no browser can).</summary>
    Signature,

    /// <summary>A signed-in person (read the dashboard, draft and keep SBI feedback).</summary>
    SignedIn,

    /// <summary>A signed-in reviewer: the Entra app role Reviewer or a Dashboard:Reviewers entry (approve, edit, reject).</summary>
    Reviewer,
}
