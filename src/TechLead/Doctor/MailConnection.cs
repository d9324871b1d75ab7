using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using TechLead.Digest;

namespace TechLead.Doctor;

/// <summary>
/// The mail relay, with MailKit as the digest sends: it answers, STARTTLS (or TLS) succeeds as
/// <c>Smtp:Security</c> asks, and the credentials are accepted. Nothing is sent unless the run asks for a test
/// message, which goes to <c>Digest:Recipients</c>.
/// </summary>
internal sealed class MailConnection(IOptions<SmtpOptions> smtp, IOptions<DigestOptions> digest) : IDoctorCheck
{
    public string Name => "Mail";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(smtp.Value.Host);

    public string NotConfigured => "not configured (Smtp:Host is empty)";

    public async Task<IReadOnlyList<DoctorResult>> RunAsync(DoctorOptions run, CancellationToken cancellationToken)
    {
        var options = smtp.Value;
        var subject = $"{options.Host}:{options.Port}";
        using var client = new SmtpClient { Timeout = (int)DoctorRun.CheckTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.Host, options.Port, options.Security, cancellationToken);
        }
        catch (SocketException e)
        {
            return [DoctorResult.Failed(Name, subject, $"the relay could not be reached ({e.Message})", "Smtp:Host, Smtp:Port", "Correct the relay's address, or start it.")];
        }
        catch (SslHandshakeException e)
        {
            return [DoctorResult.Failed(Name, subject, $"the TLS handshake failed ({e.Message.Split('\n')[0]})", "Smtp:Security", "Use StartTls on port 587 or SslOnConnect on port 465, as the relay documents.")];
        }
        catch (NotSupportedException)
        {
            // MailKit: the relay does not offer STARTTLS while Smtp:Security=StartTls demands it.
            return [DoctorResult.Failed(Name, subject, "the relay does not offer STARTTLS", "Smtp:Security", "Use a relay that offers STARTTLS, or SslOnConnect on its TLS port.")];
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or SmtpCommandException)
        {
            return [DoctorResult.Failed(Name, subject, $"the relay did not answer as SMTP ({e.Message})", "Smtp:Host, Smtp:Port", "Check the relay's address and port.")];
        }

        var encryption = client.IsSecure ? "encrypted" : "not encrypted";
        var auth = "no authentication configured";
        if (options.Authenticates)
        {
            if (!client.IsSecure && !options.AllowPlainTextAuth)
            {
                return [DoctorResult.Failed(Name, subject, "the connection is not encrypted, so the password would not be sent", "Smtp:Security",
                    "Use StartTls or SslOnConnect with a relay that supports it, or Smtp:AllowPlainTextAuth=true for a relay on this machine.")];
            }

            try
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
                auth = $"signed in as {options.UserName}";
            }
            catch (AuthenticationException e)
            {
                return [DoctorResult.Failed(Name, subject, $"the relay refused the credentials ({FirstLine(e.Message)})", "Smtp:UserName, Smtp:Password",
                    "Set the relay's user name and password (Azure Communication Services: the Entra app's user name and client secret).")];
            }
            catch (NotSupportedException)
            {
                return [DoctorResult.Failed(Name, subject, "the relay offers no authentication", "Smtp:UserName", "Leave Smtp:UserName empty for a relay that takes mail without it, or use the relay's submission port.")];
            }
        }

        var results = new List<DoctorResult> { DoctorResult.Ok(Name, subject, $"answered, {encryption}, {auth}") };
        if (run.SendTest)
        {
            results.Add(await SendTestAsync(client, subject, cancellationToken));
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
        return results;
    }

    private async Task<DoctorResult> SendTestAsync(SmtpClient client, string subject, CancellationToken cancellationToken)
    {
        var recipients = digest.Value.Recipients.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r.Trim()).ToList();
        if (recipients.Count == 0)
        {
            return DoctorResult.Failed(Name, "test message", "no recipient to send to", "Digest:Recipients", "Set Digest:Recipients:0 to the lead's address.");
        }

        var message = new MimeMessage { Subject = "TechLead doctor: test message" };
        message.From.Add(MailboxAddress.Parse(digest.Value.From));
        message.To.AddRange(recipients.Select(MailboxAddress.Parse));
        message.Body = new TextPart("plain") { Text = "This message was sent by TechLead.Local doctor --send-test: the weekly digest can reach you." };
        try
        {
            await client.SendAsync(message, cancellationToken);
            return DoctorResult.Ok(Name, "test message", $"sent to {string.Join(", ", recipients.Select(DigestMailer.Redact))}");
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException)
        {
            return DoctorResult.Failed(Name, "test message", $"{subject} did not take it ({FirstLine(e.Message)})", "Digest:Recipients, Digest:From", "Check the addresses and that the relay may send as Digest:From.");
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
