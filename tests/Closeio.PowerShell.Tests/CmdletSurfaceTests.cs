using System.Text.RegularExpressions;

namespace Closeio.PowerShell.Tests;

/// <summary>The cmdlets as a PowerShell user meets them: names, outputs, confirmation, secrets.</summary>
public class CmdletSurfaceTests
{
    private static IReadOnlyList<CmdletInfo> Cmdlets => ModuleFolder.Module.Cmdlets;

    /// <summary>The cmdlets of the contract: a build that lost one of them is not the module users were promised.</summary>
    public static readonly string[] ContractCmdlets =
    [
        "Connect-Closeio", "Disconnect-Closeio", "Get-CloseioLead", "Get-CloseioActivity", "Get-CloseioTask",
        "Get-CloseioUser", "Get-CloseioCustomField", "Get-CloseioEvent", "Sync-CloseioStream", "Get-CloseioState",
        "Reset-CloseioState", "Set-CloseioState", "Get-CloseioStream", "Start-CloseioSandbox", "Stop-CloseioSandbox",
        "Get-CloseioRecord", "Get-CloseioOpportunity", "Get-CloseioContact",
    ];

    [Fact]
    public void The_module_compiles_every_contract_cmdlet()
    {
        var missing = ContractCmdlets.Except(Cmdlets.Select(c => c.Name)).ToList();
        Assert.True(missing.Count == 0, "Missing cmdlets: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_cmdlet_uses_an_approved_verb()
    {
        var approved = ModuleFolder.Module.ApprovedVerbs();
        Assert.Contains("Get", approved); // the verb list really was read
        Assert.Contains("Sync", approved);
        var bad = Cmdlets.Where(c => !approved.Contains(c.Verb)).Select(c => c.Name).ToList();
        Assert.True(bad.Count == 0, "Unapproved verbs (Import-Module would warn): " + string.Join(", ", bad));
    }

    [Fact]
    public void Every_cmdlet_noun_is_singular_and_prefixed_Closeio()
    {
        var bad = Cmdlets.Where(c => !Regex.IsMatch(c.Noun, "^Closeio([A-Z][A-Za-z]*)?$") || IsPlural(c.Noun))
            .Select(c => c.Name).ToList();
        Assert.True(bad.Count == 0, "Nouns must be singular and start with Closeio: " + string.Join(", ", bad));
    }

    private static bool IsPlural(string noun) =>
        noun.EndsWith('s') && !noun.EndsWith("ss", StringComparison.Ordinal) && !noun.EndsWith("us", StringComparison.Ordinal)
        && !noun.EndsWith("is", StringComparison.Ordinal);

    [Fact]
    public void Every_cmdlet_declares_its_output_type()
    {
        var bad = Cmdlets.Where(c => c.OutputTypes.Count == 0).Select(c => c.Name).ToList();
        Assert.True(bad.Count == 0, "No [OutputType]: " + string.Join(", ", bad));
    }

    [Fact]
    public void Record_cmdlets_declare_the_record_type_their_format_view_is_for()
    {
        var expected = new Dictionary<string, string>
        {
            ["Get-CloseioLead"] = "Closeio.Lead",
            ["Get-CloseioActivity"] = "Closeio.Activity",
            ["Get-CloseioTask"] = "Closeio.Task",
            ["Get-CloseioUser"] = "Closeio.User",
            ["Get-CloseioCustomField"] = "Closeio.CustomField",
            ["Get-CloseioEvent"] = "Closeio.Event",
            ["Get-CloseioOpportunity"] = "Closeio.Opportunity",
            ["Get-CloseioContact"] = "Closeio.Contact",
        };
        foreach (var (name, type) in expected)
        {
            var cmdlet = Cmdlets.SingleOrDefault(c => c.Name == name);
            Assert.True(cmdlet is not null, name + " is missing");
            Assert.True(cmdlet!.OutputTypes.Contains(type), $"{name} declares [OutputType] {string.Join(", ", cmdlet.OutputTypes)}; expected {type}");
        }
    }

    /// <summary>
    /// Decision: a cmdlet changes saved state when it writes the profile, output files or a saved key.
    /// That is Sync-CloseioStream (bookmarks, files), Set-/Reset-CloseioState (bookmarks), and
    /// Connect-Closeio when it has -SaveApiKey (writes the key to disk). Those support -WhatIf/-Confirm.
    /// Disconnect-, Start-/Stop-CloseioSandbox and the Get-* cmdlets touch only the session.
    /// </summary>
    [Fact]
    public void Cmdlets_that_change_saved_state_support_WhatIf_and_Confirm()
    {
        var mustConfirm = Cmdlets.Where(c =>
                c.Verb is "Set" or "Reset" or "Sync" or "Remove" or "Clear" or "New" or "Update" or "Save" or "Import" or "Export"
                || c.Name == "Connect-Closeio" && c.Parameters.Any(p => p.Name == "SaveApiKey"))
            .ToList();
        Assert.Contains(mustConfirm, c => c.Name == "Sync-CloseioStream");
        var bad = mustConfirm.Where(c => !c.SupportsShouldProcess).Select(c => c.Name).ToList();
        Assert.True(bad.Count == 0, "Change saved state without SupportsShouldProcess: " + string.Join(", ", bad));
    }

    [Theory]
    [InlineData("Reset-CloseioState")]
    [InlineData("Set-CloseioState")]
    public void Bookmark_editing_cmdlets_take_Force_to_skip_the_prompt(string name)
    {
        var cmdlet = Assert.Single(Cmdlets, c => c.Name == name);
        var force = Assert.Single(cmdlet.Parameters, p => p.Name == "Force");
        Assert.True(force.IsSwitch, "-Force should be a switch");
        Assert.True(cmdlet.ConfirmImpact >= 2, $"{name} should not have ConfirmImpact below Medium");
    }

    [Fact]
    public void Record_Get_cmdlets_support_paging_and_take_a_connection()
    {
        var records = new[] { "Get-CloseioLead", "Get-CloseioActivity", "Get-CloseioTask", "Get-CloseioUser", "Get-CloseioCustomField", "Get-CloseioEvent",
            "Get-CloseioOpportunity", "Get-CloseioContact" };
        foreach (var name in records)
        {
            var cmdlet = Assert.Single(Cmdlets, c => c.Name == name);
            Assert.True(cmdlet.SupportsPaging, name + " should support -First/-Skip (SupportsPaging)");
            Assert.Contains(cmdlet.Parameters, p => p.Name == "Connection" && !p.IsImplied);
        }
    }

    [Theory]
    [InlineData("Stream")]
    [InlineData("ProfileName")]
    [InlineData("Property")]
    public void Stream_profile_and_property_names_complete_with_Tab(string parameter)
    {
        var withIt = Cmdlets.SelectMany(c => c.Parameters.Where(p => p.Name == parameter).Select(p => (c, p))).ToList();
        Assert.NotEmpty(withIt);
        var bad = withIt.Where(x => x.p.Completer is null && x.p.AllowedValues.Count == 0).Select(x => x.c.Name).ToList();
        Assert.True(bad.Count == 0, $"-{parameter} has no [ArgumentCompleter] or ValidateSet on: " + string.Join(", ", bad));
        var completers = withIt.Where(x => x.p.Completer is not null).Select(x => x.p.Completer!).Distinct().ToList();
        foreach (var name in completers)
        {
            var type = ModuleFolder.Module.Assembly.GetType(name);
            Assert.True(type is not null, $"{name} is not in the module");
            Assert.Contains(type!.GetInterfaces(), i => i.FullName == "System.Management.Automation.IArgumentCompleter");
        }
    }

    [Fact]
    public void Cmdlets_that_take_a_profile_name_also_take_a_profile_path()
    {
        var bad = Cmdlets.Where(c => c.Parameters.Any(p => p.Name == "ProfileName") != c.Parameters.Any(p => p.Name == "ProfilePath"))
            .Select(c => c.Name).ToList();
        Assert.True(bad.Count == 0, "-ProfileName without -ProfilePath or the other way round: " + string.Join(", ", bad));
    }

    private static readonly Regex SecretName = new("(ApiKey|Key|Token|Password|Secret|Credential)", RegexOptions.IgnoreCase);

    [Fact]
    public void No_secret_travels_as_a_plain_string_parameter()
    {
        var bad = Cmdlets.SelectMany(c => c.Parameters.Select(p => (c, p)))
            .Where(x => SecretName.IsMatch(x.p.Name) && x.p.TypeFullName is "System.String" or "System.String[]")
            .Select(x => $"{x.c.Name} -{x.p.Name}").ToList();
        Assert.True(bad.Count == 0, "Plain-string secrets: " + string.Join(", ", bad));
    }

    [Fact]
    public void Connect_takes_the_key_as_SecureString_or_PSCredential()
    {
        var connect = Assert.Single(Cmdlets, c => c.Name == "Connect-Closeio");
        Assert.Equal("System.Security.SecureString", Assert.Single(connect.Parameters, p => p.Name == "ApiKey").TypeFullName);
        Assert.Equal("System.Management.Automation.PSCredential", Assert.Single(connect.Parameters, p => p.Name == "Credential").TypeFullName);
    }

    [Fact]
    public void Get_CloseioActivity_takes_LeadId_from_the_pipeline_by_property_name()
    {
        var cmdlet = Assert.Single(Cmdlets, c => c.Name == "Get-CloseioActivity");
        var leadId = Assert.Single(cmdlet.Parameters, p => p.Name == "LeadId");
        Assert.Contains(leadId.Sets.Values, s => s.FromPipelineByPropertyName);
    }

    // PowerShell binds a piped object's property to a parameter by the parameter's name first, then by
    // its aliases in the order declared. A task or activity has both id (its own) and lead_id: lead_id
    // must come first so its lead's activities or events are read, and a lead (only id) still binds.
    [Theory]
    [InlineData("Get-CloseioActivity")]
    [InlineData("Get-CloseioEvent")]
    public void A_piped_record_binds_its_lead_id_before_its_own_id(string name)
    {
        var cmdlet = Assert.Single(Cmdlets, c => c.Name == name);
        var leadId = Assert.Single(cmdlet.Parameters, p => p.Name == "LeadId");
        Assert.Contains(leadId.Sets.Values, s => s.FromPipelineByPropertyName);
        Assert.Equal(["lead_id", "id"], leadId.Aliases);
    }

    [Fact]
    public void Get_CloseioLead_reads_a_piped_lead_by_its_id_property()
    {
        // Without ByPropertyName a piped lead would reach -Id as its text form, "@{id=...; ...}".
        var cmdlet = Assert.Single(Cmdlets, c => c.Name == "Get-CloseioLead");
        var id = Assert.Single(cmdlet.Parameters, p => p.Name == "Id");
        Assert.Contains(id.Sets.Values, s => s.FromPipelineByPropertyName && s.FromPipeline);
    }

    [Theory]
    [InlineData("Connect-Closeio")]
    [InlineData("Sync-CloseioStream")]
    [InlineData("Get-CloseioState")]
    [InlineData("Set-CloseioState")]
    [InlineData("Reset-CloseioState")]
    public void Profile_cmdlets_take_profile_name_and_path_in_every_parameter_set(string name)
    {
        var cmdlet = Assert.Single(Cmdlets, c => c.Name == name);
        foreach (var parameter in new[] { "ProfileName", "ProfilePath" })
        {
            var p = Assert.Single(cmdlet.Parameters, x => x.Name == parameter);
            Assert.Equal(CmdletInfo.AllSets, Assert.Single(p.Sets.Keys));
            Assert.False(p.Sets[CmdletInfo.AllSets].Mandatory);
            Assert.Null(p.Sets[CmdletInfo.AllSets].Position);
        }
    }

    [Theory]
    [InlineData("Set-CloseioState")]
    [InlineData("Reset-CloseioState")]
    public void Bookmark_editing_cmdlets_take_streams_from_Get_CloseioState_objects(string name)
    {
        var cmdlet = Assert.Single(Cmdlets, c => c.Name == name);
        var stream = Assert.Single(cmdlet.Parameters, p => p.Name == "Stream");
        var data = Assert.Single(stream.Sets.Values);
        Assert.True(data.Mandatory && data.FromPipelineByPropertyName && data.Position == 0);
    }
}
