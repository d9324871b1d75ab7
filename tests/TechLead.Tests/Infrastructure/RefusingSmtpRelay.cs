using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using SmtpResponse = SmtpServer.Protocol.SmtpResponse;

namespace TechLead.Tests.Infrastructure;

/// <summary>A message the relay accepted: the envelope recipients it took and the message exactly as sent.</summary>
internal sealed record RelayedMessage(IReadOnlyList<string> Recipients, MimeMessage Message);

/// <summary>
/// A loopback SMTP relay (the SmtpServer package) that refuses chosen recipients at RCPT TO the way Postfix answers
/// an unknown local mailbox, <c>550 5.1.1 &lt;address&gt;: Recipient address rejected: User unknown</c> (RFC 5321
/// 4.2.2/4.2.3, enhanced code per RFC 3463), and keeps what it accepts. maildev accepts every recipient, so it cannot
/// show what a real relay's refusal does to a send.
/// </summary>
internal sealed class RefusingSmtpRelay : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<RelayedMessage> _messages = new();
    private readonly SmtpServer.SmtpServer _server;
    private ImmutableHashSet<string> _refused;

    private RefusingSmtpRelay(IEnumerable<string> refused, bool refuseAuthentication = false)
    {
        _refused = refused.ToImmutableHashSet(StringComparer.OrdinalIgnoreCase);
        var options = new SmtpServerOptionsBuilder()
            .ServerName("relay.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))
                // Offers AUTH without TLS (loopback only), so a refusal of the credentials is what the client meets.
                .AllowUnsecureAuthentication(refuseAuthentication).AuthenticationRequired(refuseAuthentication))
            .Build();
        var services = new ServiceProvider();
        if (refuseAuthentication)
        {
            // Every user name and password is refused (535 5.7.8, RFC 4954), as a relay answers wrong credentials.
            services.Add(new SmtpServer.Authentication.DelegatingUserAuthenticator((_, _) => false));
        }

        services.Add(new RefusingFilter(this));
        services.Add(new RecordingStore(this));
        services.Add(Listening);
        _server = new SmtpServer.SmtpServer(options, services);
    }

    public int Port { get; } = NodeService.FreePort();

    /// <summary>Every message accepted so far, in order.</summary>
    public IReadOnlyList<RelayedMessage> Messages => [.. _messages];

    private EndpointListenerFactory Listening { get; } = new();

    /// <summary>A relay that offers AUTH and refuses every user name and password.</summary>
    public static Task<RefusingSmtpRelay> StartRefusingAuthenticationAsync() => ListenAsync(new RefusingSmtpRelay([], refuseAuthentication: true));

    /// <summary>Starts listening on a free loopback port; returns once connections are accepted.</summary>
    public static Task<RefusingSmtpRelay> StartAsync(params string[] refused) => ListenAsync(new RefusingSmtpRelay(refused));

    private static async Task<RefusingSmtpRelay> ListenAsync(RefusingSmtpRelay relay)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        relay.Listening.EndpointStarted += (_, _) => started.TrySetResult();
        var running = relay._server.StartAsync(relay._stop.Token);
        if (await Task.WhenAny(started.Task, running).WaitAsync(Eventually.SafetyNet) == running)
        {
            await running; // a bind failure surfaces here rather than as a refused connection later
        }

        return relay;
    }

    /// <summary>From now on, refuse exactly these addresses (none: accept everyone).</summary>
    public void Refuse(params string[] addresses) =>
        _refused = addresses.ToImmutableHashSet(StringComparer.OrdinalIgnoreCase);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server.Shutdown();
        await _server.ShutdownTask.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private sealed class RefusingFilter(RefusingSmtpRelay relay) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            var address = to.AsAddress();
            if (relay._refused.Contains(address))
            {
                // Postfix's answer for an unknown mailbox (local_recipient_maps), RFC 3463 status 5.1.1 "bad destination mailbox address".
                throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.MailboxUnavailable,
                    $"5.1.1 <{address}>: Recipient address rejected: User unknown in local recipient table"));
            }

            return Task.FromResult(true);
        }
    }

    private sealed class RecordingStore(RefusingSmtpRelay relay) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            relay._messages.Enqueue(new RelayedMessage([.. transaction.To.Select(m => m.AsAddress())], message));
            return SmtpResponse.Ok;
        }
    }
}
