namespace Closeio.Sandbox.Tests.Api;

/// <summary>Tests of the API against a Sandbox of their own (xUnit makes one instance per test, so one per test).</summary>
public abstract class ApiTest : IDisposable
{
    private protected readonly ApiHarness _h;

    private protected ApiTest(ApiHarness harness) => _h = harness;

    public void Dispose()
    {
        _h.Dispose();
        GC.SuppressFinalize(this);
    }
}
