using System.Text.Json.Nodes;

namespace Closeio.Sandbox;

/// <summary>
/// Writes an object's custom field values as Close's flat <c>custom.cf_...</c> keys. Values are
/// drawn from (object, version, field), so an update changes them; a field created after the
/// object's last update has no value yet; some fields are simply left empty (and omitted, as Close does).
/// </summary>
internal static class CustomValues
{
    public static void Write(JsonObject target, SandboxOrganization org, int kind, int salt, in ObjectState s)
    {
        foreach (var cf in org.CustomFieldSnapshot)
        {
            if (cf.Deleted || cf.Created > s.Updated) continue;
            if (cf.Ref != kind && !(cf.Ref == 4 && kind is 0 or 1)) continue; // shared fields apply to leads and contacts
            var mix = Mix.Of(org.Seed, 40 + salt, s.Number, s.Version, cf.Number);
            if (mix.Chance(0.3)) continue;
            target["custom." + org.IdOf(SandboxResource.CustomField, cf.Number)] = Value(org, ref mix, cf.Type, s.Created);
        }
    }

    /// <summary>One to three distinct choices, in the field's order.</summary>
    private static JsonArray Several(ref Mix mix)
    {
        var first = mix.Next(3);
        var count = 1 + mix.Next(3 - first);
        var list = new JsonArray();
        for (var i = first; i < first + count; i++) list.Add($"Choice {(char)('A' + i)}");
        return list;
    }

    private static JsonNode? Value(SandboxOrganization org, ref Mix mix, byte type, long objectCreated) => type switch
    {
        Catalog.CfText => JsonValue.Create(Vocabulary.Sentence(ref mix, 3).TrimEnd('.')),
        Catalog.CfNumber => mix.Chance(0.5) ? JsonValue.Create(mix.Next(1, 10_000)) : JsonValue.Create(mix.Next(1, 100_000) / 4.0),
        Catalog.CfDate => JsonValue.Create(SandboxTime.FormatDate(objectCreated + mix.NextLong(400) * TimeSpan.TicksPerDay)),
        Catalog.CfDateTime => JsonValue.Create(SandboxTime.Format(SandboxTime.Truncate(objectCreated + mix.NextLong(90 * TimeSpan.TicksPerDay)))),
        Catalog.CfChoices when org.Options.MultipleValueChoices => Several(ref mix),
        Catalog.CfChoices => JsonValue.Create($"Choice {(char)('A' + mix.Next(3))}"),
        Catalog.CfUser => JsonValue.Create(org.IdOf(SandboxResource.User, mix.Next(Math.Max(1, org.UserCount)))),
        _ => JsonValue.Create(mix.NextULong().ToString("x16", System.Globalization.CultureInfo.InvariantCulture)),
    };
}
