using Closeio.PowerShell.Internal;

namespace Closeio.PowerShell.Tests.Internal;

public sealed class CompletionCandidatesTests
{
    [Fact]
    public void Candidates_match_the_typed_prefix_ignoring_case_and_quotes()
    {
        var matches = CompletionCandidates.Match([("leads", ""), ("activities", ""), ("event_log", "")], "'LE");
        Assert.Equal(new[] { "leads" }, matches.Select(m => m.CompletionText));
    }

    [Fact]
    public void Names_with_spaces_or_quotes_are_quoted_for_powershell()
    {
        Assert.Equal("'Deal Size'", CompletionCandidates.Quote("Deal Size"));
        Assert.Equal("'Owner''s pick'", CompletionCandidates.Quote("Owner's pick"));
        Assert.Equal("event_log", CompletionCandidates.Quote("event_log"));
        Assert.Equal("'-x'", CompletionCandidates.Quote("-x"));
    }
}
