using System.Collections.Specialized;
using System.Globalization;

namespace Closeio.PowerShell.Commands;

/// <summary>Invoke-CloseioRequest. Its help (synopsis, description, parameters, examples) is written once, in docs/Invoke-CloseioRequest.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsLifecycle.Invoke, "CloseioRequest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Invoke-CloseioRequest.md")]
[OutputType(typeof(PSObject))]
public sealed class InvokeCloseioRequestCommand : CloseioCmdlet
{
    private readonly RecordObjectFactory _objects = new();

    /// <summary>The endpoint, relative to the base URI (lead/, activity/call/, lead/lead_xxx/).</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The HTTP method.</summary>
    [Parameter]
    [ValidateSet("GET", "POST", "PUT", "PATCH", "DELETE", IgnoreCase = true)]
    public string Method { get; set; } = "GET";

    /// <summary>URL parameters.</summary>
    [Parameter]
    [ValidateNotNull]
    public IDictionary? Query { get; set; }

    /// <summary>The JSON body: a hashtable, an object, or JSON text.</summary>
    [Parameter(ValueFromPipeline = true)]
    public object? Body { get; set; }

    /// <summary>Follow every page and write the items of each page's data.</summary>
    [Parameter]
    public SwitchParameter All { get; set; }

    /// <summary>The organization to call; the session's connection when omitted.</summary>
    [Parameter]
    [ValidateNotNull]
    public Connection? Connection { get; set; }

    /// <summary>Sends the request (once per body piped in).</summary>
    protected override void ProcessRecord()
    {
        var connection = RequireConnection(Connection);
        ApiRequest request;
        try
        {
            request = new ApiRequest(Method, Path, connection.BaseUri, QueryPairs(Query))
            {
                Body = BodyValue(Body, 0),
                All = All.IsPresent,
            };
        }
        catch (ArgumentException e)
        {
            ThrowFailure(e, Path, connection.Redactor);
            return;
        }

        // A read changes nothing; everything else is a write, and -WhatIf sends nothing.
        if (request.Method != "GET" && !Ask(request.ToString(), $"Send {request.Method}")) return;

        ListenToRequests(connection);
        try
        {
            foreach (var record in request.Run(connection.Core, StopToken))
            {
                FlushRequestLog();
                WriteObject(_objects.Create(record));
            }
        }
        catch (Exception e) when (IsOwnFailure(e))
        {
            FlushRequestLog();
            ReportFailure(e, request.ToString(), connection.Redactor);
        }

        FlushRequestLog();
    }

    /// <summary>The -Query table as URL parameters: lists joined with commas (Close's __in form), dates in UTC.</summary>
    private static List<KeyValuePair<string, string>> QueryPairs(IDictionary? query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        if (query is null) return pairs;
        foreach (DictionaryEntry entry in query)
        {
            var key = Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture) ?? "";
            var value = Unwrap(entry.Value);
            var text = value is IEnumerable list and not string
                ? string.Join(',', list.Cast<object?>().Select(QueryText))
                : QueryText(value);
            pairs.Add(new(key, text));
        }

        return pairs;
    }

    private static string QueryText(object? value) => Unwrap(value) switch
    {
        null => "",
        bool b => b ? "true" : "false",
        DateTime d => CloseTimestamp.FormatForFilter(new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? d.ToLocalTime() : d)),
        DateTimeOffset o => CloseTimestamp.FormatForFilter(o),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>
    /// The body as plain .NET values that Core turns into JSON: a PSCustomObject (or any object with
    /// properties) becomes a dictionary of its properties, in order; text stays text (read as JSON).
    /// </summary>
    private static object? BodyValue(object? value, int depth)
    {
        if (depth > 64) throw new ArgumentException("The body nests deeper than 64 levels (a loop?).");
        value = Unwrap(value);
        switch (value)
        {
            case null or string or bool or DateTime or DateTimeOffset or Enum:
                return value;
            case var number when number.GetType().IsPrimitive || number is decimal:
                return number;
            case System.Security.SecureString:
                throw new ArgumentException("The body holds a SecureString; convert what Close must receive to text yourself.");
            case IDictionary map:
                var copy = new OrderedDictionary();
                foreach (DictionaryEntry entry in map) copy[Convert.ToString(Unwrap(entry.Key), CultureInfo.InvariantCulture)!] = BodyValue(entry.Value, depth + 1);
                return copy;
            case IEnumerable list:
                return list.Cast<object?>().Select(item => BodyValue(item, depth + 1)).ToList();
            default:
                var properties = new OrderedDictionary();
                foreach (var property in PSObject.AsPSObject(value).Properties)
                {
                    if (property.IsGettable) properties[property.Name] = BodyValue(property.Value, depth + 1);
                }

                return properties;
        }
    }

    private static object? Unwrap(object? value) =>
        value is PSObject o && o.BaseObject is not PSCustomObject ? o.BaseObject : value;
}
