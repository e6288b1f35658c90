namespace Closeio.Core.Tests.Support;

/// <summary>Moves the Sandbox's clock forward before every request, so cursors age as on a slow network.</summary>
public sealed class ClockStepHandler(SandboxClock clock, TimeSpan step, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        clock.Advance(step);
        return base.SendAsync(request, cancellationToken);
    }
}
