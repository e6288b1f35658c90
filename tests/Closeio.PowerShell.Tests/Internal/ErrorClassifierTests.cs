using Closeio.Core.Output;
using System.Management.Automation;
using Closeio.Core.Http;
using Closeio.Core.Secrets;
using Closeio.Core.State;
using Closeio.PowerShell.Internal;

namespace Closeio.PowerShell.Tests.Internal;

public sealed class ErrorClassifierTests
{
    [Theory]
    [InlineData(CloseErrorKind.Authentication, ErrorCategory.AuthenticationError, true)]
    [InlineData(CloseErrorKind.PlanLimit, ErrorCategory.LimitsExceeded, true)]
    [InlineData(CloseErrorKind.RateLimited, ErrorCategory.LimitsExceeded, true)]
    [InlineData(CloseErrorKind.Connection, ErrorCategory.ConnectionError, true)]
    [InlineData(CloseErrorKind.NotFound, ErrorCategory.ObjectNotFound, false)]
    [InlineData(CloseErrorKind.InvalidResponse, ErrorCategory.InvalidData, true)]
    [InlineData(CloseErrorKind.ServerUnavailable, ErrorCategory.ResourceUnavailable, true)]
    [InlineData(CloseErrorKind.BadRequest, ErrorCategory.InvalidArgument, false)]
    public void Each_kind_of_close_failure_has_its_category(CloseErrorKind kind, ErrorCategory category, bool terminating)
    {
        var c = ErrorClassifier.Classify(new CloseApiException(kind, 400, "GET lead/{id}/", null, "Do something."));
        Assert.Equal((category, terminating), (c.Category, c.Terminating));
        Assert.StartsWith("Closeio.", c.ErrorId);
    }

    public static TheoryData<Exception, string, ErrorCategory> ModuleFailures() => new()
    {
        { new ProfileNotWritableException("/p/p.json", "/p", new UnauthorizedAccessException("no")), "Closeio.ProfileNotWritable", ErrorCategory.PermissionDenied },
        { new OutputFileOwnedException("/o/leads.csv", "/p.json", "/q.json", "/o/.leads.owner", inUse: false), "Closeio.OutputFileOwnedByAnotherProfile", ErrorCategory.InvalidOperation },
        { new OutputFileOwnedException("/o/leads.csv", "/p.json", "/q.json", "/o/.leads.owner", inUse: true), "Closeio.OutputFileInUse", ErrorCategory.ResourceBusy },
        { new InvalidTapStateException("not a tap state"), "Closeio.InvalidTapState", ErrorCategory.InvalidData },
        { new InvalidBaseUriException("http is unencrypted"), "Closeio.InvalidBaseUri", ErrorCategory.InvalidArgument },
        { new ArgumentException("The bookmark is in the future."), "Closeio.InvalidArgument", ErrorCategory.InvalidArgument },
        { new CloseApiException(CloseErrorKind.Connection, null, "GET me/", null, "r"), "Closeio.ConnectionFailed", ErrorCategory.ConnectionError },
        { new CloseApiException(CloseErrorKind.InvalidResponse, 200, "GET me/", null, "r"), "Closeio.InvalidResponse", ErrorCategory.InvalidData },
        { new CloseApiException(CloseErrorKind.Redirect, 302, "GET me/", null, "r"), "Closeio.Redirected", ErrorCategory.ConnectionError },
        { new CloseApiException(CloseErrorKind.BadRequest, 400, "GET me/", null, "r"), "Closeio.BadRequest", ErrorCategory.InvalidArgument },
        { new CloseApiException(CloseErrorKind.Authentication, 401, "GET me/", null, "r"), "Closeio.AuthenticationFailed", ErrorCategory.AuthenticationError },
    };

    [Theory]
    [MemberData(nameof(ModuleFailures))]
    public void Each_failure_of_the_engine_has_its_stable_error_id_and_category(Exception error, string errorId, ErrorCategory category)
    {
        var c = ErrorClassifier.Classify(error);
        Assert.Equal((errorId, category), (c.ErrorId, c.Category));
    }

    [Fact]
    public void An_argument_error_reads_as_a_sentence_without_the_parameter_name()
    {
        var c = ErrorClassifier.Classify(new ArgumentException("'leeds' is not a Close stream.", "name"));
        Assert.Equal("'leeds' is not a Close stream.", c.Message);
    }

    [Fact]
    public void The_recommended_action_is_not_repeated_in_the_message()
    {
        var c = ErrorClassifier.Classify(new CloseApiException(CloseErrorKind.Authentication, 401, "GET me/", "Invalid API key.",
            "Check the API key (Settings > API Keys in Close) and connect again."));
        Assert.Equal("Check the API key (Settings > API Keys in Close) and connect again.", c.RecommendedAction);
        Assert.DoesNotContain("Settings > API Keys", c.Message);
        Assert.Contains("Invalid API key.", c.Message);
    }

    [Fact]
    public void A_key_that_reached_a_message_is_scrubbed()
    {
        var c = ErrorClassifier.Classify(new InvalidOperationException("failed with key api_SECRET_1 somehow"), new SecretRedactor("api_SECRET_1"));
        Assert.DoesNotContain("api_SECRET_1", c.Message);
        Assert.Contains(SecretRedactor.Mask, c.Message);
    }

    [Fact]
    public void Not_being_connected_says_how_to_connect()
    {
        var c = ErrorClassifier.Classify(new NotConnectedException());
        Assert.Equal(("Closeio.NotConnected", ErrorCategory.ConnectionError, true), (c.ErrorId, c.Category, c.Terminating));
        Assert.Contains("Connect-Closeio", c.Message);
    }
}
