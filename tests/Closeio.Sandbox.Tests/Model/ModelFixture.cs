using System.Text.Json;

namespace Closeio.Sandbox.Tests.Model;

/// <summary>Builds organizations on a fixed, hand-driven clock, and reads renders back as JSON.</summary>
internal static class ModelFixture
{
    public static readonly DateTimeOffset Start = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static (SandboxOrganization Org, SandboxClock Clock) Create(SandboxOptions? options = null)
    {
        var clock = new SandboxClock(Start, autoAdvance: false);
        return (SandboxOrganization.Generate(options ?? new SandboxOptions(), clock), clock);
    }

    public static JsonElement Json(SandboxItem item) => JsonDocument.Parse(item.Render().ToJsonString()).RootElement;

    public static DateTimeOffset Time(JsonElement e, string name) =>
        DateTimeOffset.Parse(e.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every object of every kind, rendered, in a stable order (the organization's "fingerprint").</summary>
    public static IEnumerable<string> RenderEverything(SandboxOrganization org)
    {
        yield return org.RenderMe().ToJsonString();
        foreach (var kind in new[] { "lead", "contact", "opportunity", "activity", "shared" })
            foreach (var f in org.CustomFields(kind)) yield return f.Render().ToJsonString();
        foreach (var x in org.Users()) yield return x.Render().ToJsonString();
        foreach (var x in org.Leads()) yield return x.Render().ToJsonString();
        foreach (var x in org.Contacts()) yield return x.Render().ToJsonString();
        foreach (var x in org.Opportunities()) yield return x.Render().ToJsonString();
        foreach (var x in org.Tasks()) yield return x.Render().ToJsonString();
        foreach (var x in org.Activities(null, null)) yield return x.Render().ToJsonString();
        foreach (var x in org.Events()) yield return x.Render().ToJsonString();
    }
}
