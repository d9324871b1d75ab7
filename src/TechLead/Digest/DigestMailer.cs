using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace TechLead.Digest;

/// <summary>The SMTP server did not take the digest; the message names the server, never the credentials.</summary>
public sealed class DigestDeliveryException(string message, Exception inner) : Exception(message, inner);

/// <summary>Sends a digest over SMTP with MailKit.</summary>
public sealed class DigestMailer(IOptions<SmtpOptions> smtp, IOptions<DigestOptions> digest)
{
    public async Task SendAsync(DigestDocument document, string messageId, CancellationToken cancellationToken)
    {
        var message = new MimeMessage { Subject = document.Subject, MessageId = messageId };
        message.From.Add(MailboxAddress.Parse(digest.Value.From));
        message.To.AddRange(digest.Value.Recipients.Select(MailboxAddress.Parse));
        message.Body = new BodyBuilder { HtmlBody = document.Html, TextBody = document.Text }.ToMessageBody();

        var options = smtp.Value;
        using var client = new SmtpClient { Timeout = options.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(options.Host, options.Port, options.Security, cancellationToken);
            if (!string.IsNullOrEmpty(options.UserName))
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is SocketException or IOException or SmtpCommandException or SmtpProtocolException
            or AuthenticationException or SslHandshakeException or ServiceNotConnectedException or TimeoutException)
        {
            throw new DigestDeliveryException($"SMTP server {options} did not accept the digest: {e.Message}", e);
        }
    }
}
