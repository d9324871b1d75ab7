using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;

namespace TechLead.Digest;

/// <summary>The SMTP server did not take the digest; the message names the server, never the credentials.</summary>
public sealed class DigestDeliveryException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// Sends a digest over SMTP with MailKit: HTML with its charts as inline images (multipart/related, referenced by
/// <c>cid:</c>) and the plain-text alternative. A recipient the relay refuses is logged (redacted) and the others still get it.
/// </summary>
internal sealed partial class DigestMailer(IOptions<SmtpOptions> smtp, IOptions<DigestOptions> digest, ILogger<DigestMailer> logger)
{
    /// <summary>Sends to <paramref name="recipients"/>; returns how many the relay accepted.</summary>
    public async Task<int> SendAsync(DigestDocument document, string messageId, IReadOnlyList<string> recipients, CancellationToken cancellationToken)
    {
        var message = new MimeMessage { Subject = document.Subject, MessageId = messageId };
        message.From.Add(MailboxAddress.Parse(digest.Value.From));
        message.To.AddRange(recipients.Select(MailboxAddress.Parse));
        var body = new BodyBuilder { HtmlBody = document.Html, TextBody = document.Text };
        foreach (var image in document.Images)
        {
            var part = body.LinkedResources.Add(image.ContentId.Split('@')[0] + ".png", image.Png, new ContentType("image", "png"));
            part.ContentId = image.ContentId;
        }

        message.Body = body.ToMessageBody();

        var options = smtp.Value;
        using var client = new RecipientTolerantSmtpClient(this) { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            try
            {
                await client.ConnectAsync(options.Host, options.Port, options.Security, cancellationToken);
            }
            catch (SocketException e)
            {
                throw new DigestDeliveryException(
                    $"The mail relay {options} (Smtp:Host, Smtp:Port) could not be reached: {e.Message}. The digest was not sent; start the relay or correct the settings and run again.", e);
            }

            if (options.Authenticates)
            {
                // Auto and StartTlsWhenAvailable fall back to plain text when the relay offers no STARTTLS.
                if (!client.IsSecure && !options.AllowPlainTextAuth)
                {
                    throw new DigestDeliveryException(
                        $"The mail relay {options} offered no encryption, so the SMTP password was not sent and the digest was not sent. Use Smtp:Security=StartTls or SslOnConnect with a relay that supports it, or set Smtp:AllowPlainTextAuth=true for a relay on this machine.",
                        new AuthenticationException("Plain-text authentication refused."));
                }

                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return recipients.Count - client.Refused.Count;
        }
        catch (SmtpCommandException e) when (client.NoneAccepted)
        {
            // MailKit's own text ("No recipients were accepted.") does not say who or why; the refusals were logged one by one.
            throw new DigestDeliveryException(
                $"SMTP server {options} accepted no recipient of the digest, so nobody received it: it refused all {recipients.Count} "
                + $"({string.Join(", ", client.Refused)}). Check the recipient addresses in the settings.", e);
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpCommandException or SmtpProtocolException
            or AuthenticationException or SslHandshakeException or ServiceNotConnectedException or TimeoutException)
        {
            throw new DigestDeliveryException($"SMTP server {options} did not accept the digest: {e.Message}", e);
        }
    }

    /// <summary>"l***@example.com": enough to find the entry in the settings, not enough to harvest.</summary>
    internal static string Redact(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : $"{address[0]}***{address[at..]}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SMTP relay refused digest recipient {Recipient} ({Status}); sending to the others.")]
    private partial void LogRecipientRefused(string recipient, string status);

    /// <summary>
    /// MailKit throws on the first refused recipient by default; a digest should still reach the rest. When it refuses
    /// them all, MailKit still throws after <see cref="OnNoRecipientsAccepted"/>.
    /// </summary>
    private sealed class RecipientTolerantSmtpClient(DigestMailer mailer) : SmtpClient
    {
        /// <summary>Each refused recipient, redacted, with the relay's status code ("l***@example.com: 550").</summary>
        public List<string> Refused { get; } = [];

        public bool NoneAccepted { get; private set; }

        protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
        {
            // The relay's response text often repeats the full address, so only the status code is kept.
            var redacted = Redact(mailbox.Address);
            Refused.Add($"{redacted}: {(int)response.StatusCode}");
            mailer.LogRecipientRefused(redacted, $"{(int)response.StatusCode} {response.StatusCode}");
        }

        protected override void OnNoRecipientsAccepted(MimeMessage message) => NoneAccepted = true;
    }
}
