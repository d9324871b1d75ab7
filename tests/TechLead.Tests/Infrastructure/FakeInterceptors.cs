using TechLead.Tests.GitHub;

namespace TechLead.Tests.Infrastructure;

/// <summary>
/// Faults a test injects into a loopback fake (GitHub, Jira): the first interceptor that returns a response answers
/// the request instead of the fake, until the handle <see cref="Add"/> returned is disposed. Thread-safe.
/// </summary>
internal sealed class FakeInterceptors
{
    private readonly Lock _lock = new();
    private readonly List<Func<FakeRequest, FakeResponse?>> _interceptors = [];

    public IDisposable Add(Func<FakeRequest, FakeResponse?> interceptor)
    {
        lock (_lock)
        {
            _interceptors.Add(interceptor);
        }

        return new Removal(() =>
        {
            lock (_lock)
            {
                _interceptors.Remove(interceptor);
            }
        });
    }

    /// <summary>The injected answer for <paramref name="request"/>, or null when the fake answers itself.</summary>
    public FakeResponse? Answer(FakeRequest request)
    {
        Func<FakeRequest, FakeResponse?>[] interceptors;
        lock (_lock)
        {
            interceptors = [.. _interceptors];
        }

        foreach (var interceptor in interceptors)
        {
            if (interceptor(request) is { } response)
            {
                return response;
            }
        }

        return null;
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
