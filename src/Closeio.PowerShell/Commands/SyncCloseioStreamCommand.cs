namespace Closeio.PowerShell.Commands;

/// <summary>Sync-CloseioStream. Its help (synopsis, description, parameters, examples) is written once, in docs/Sync-CloseioStream.md, from which the shipped help is generated.</summary>
[Cmdlet(VerbsData.Sync, "CloseioStream", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, HelpUri = "https://github.com/closeiops/CloseioPS/blob/main/docs/Sync-CloseioStream.md")]
[OutputType("Closeio.Lead", "Closeio.Activity", "Closeio.Task", "Closeio.User", "Closeio.CustomField", "Closeio.Event")]
[OutputType(typeof(string))]
public sealed class SyncCloseioStreamCommand : CloseioProfileCmdlet
{
    private SyncSession? _session;

    /// <summary>The streams to sync (default: all, or the profile's list).</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(StreamNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Stream { get; set; }

    /// <summary>Where a stream without a bookmark starts (default: the profile's, else one year ago).</summary>
    [Parameter]
    public DateTime? StartDate { get; set; }

    /// <summary>Only these properties (id and the replication key are always kept).</summary>
    [Parameter]
    [ArgumentCompleter(typeof(PropertyNameCompleter))]
    [ValidateNotNullOrEmpty]
    public string[]? Property { get; set; }

    /// <summary>How far before the bookmark the activities stream re-reads (default: 24 hours).</summary>
    [Parameter]
    public TimeSpan? LookBack { get; set; }

    /// <summary>Write each stream to its own file in this directory instead of the pipeline.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? OutputDirectory { get; set; }

    /// <summary>The file format with -OutputDirectory (default Csv).</summary>
    [Parameter]
    public RecordFileFormat? Format { get; set; }

    /// <summary>How long to wait for another run that holds the profile or an output file (default: fail at once).</summary>
    [Parameter]
    public TimeSpan WaitForLock { get; set; }

    /// <summary>Write Singer SCHEMA, RECORD and STATE messages (one JSON line each) instead of objects.</summary>
    [Parameter]
    public SwitchParameter AsSingerMessage { get; set; }

    /// <summary>The organization to read; the session's connection when omitted.</summary>
    [Parameter]
    [ValidateNotNull]
    public Connection? Connection { get; set; }

    /// <summary>Runs the sync.</summary>
    protected override void ProcessRecord()
    {
        var connection = RequireConnection(Connection);
        var profile = SelectProfile(connection);
        if (Format is not null && OutputDirectory is null)
            ThrowFailure(new ArgumentException("-Format goes with -OutputDirectory: name the directory the files are written to."), Format);

        if (AsSingerMessage && OutputDirectory is not null)
            ThrowFailure(new ArgumentException("-AsSingerMessage writes to the pipeline; it does not go with -OutputDirectory."), OutputDirectory);
        if (WaitForLock < TimeSpan.Zero)
            ThrowFailure(new ArgumentException("-WaitForLock cannot be negative: give how long to wait, e.g. 00:05:00, or 0 to fail at once."), WaitForLock);
        IReadOnlyList<string>? saved = null;
        try
        {
            if (SplitList(Stream) is null) saved = ProfileStreams(profile);
        }
        catch (ArgumentException e)
        {
            ThrowFailure(e, profile.Path);
        }

        var streams = SplitList(Stream) ?? saved ?? StreamCatalog.DefaultNames;
        foreach (var name in streams)
        {
            // The bad name is the error's target (not the profile), as for Set- and Reset-CloseioState.
            if (!StreamCatalog.TryGet(name, out _))
                ThrowFailure(new ArgumentException($"'{name}' is not a Close stream. Valid streams: {string.Join(", ", StreamCatalog.Names)}."), name);
        }

        var save = Ask(profile.Path, $"Save the bookmarks of {string.Join(", ", streams)}");
        var directory = OutputDirectory is null ? null : GetUnresolvedProviderPathFromPSPath(OutputDirectory);
        // Records on the pipeline change nothing, so -WhatIf still shows them; files are a change:
        // under -WhatIf (or a No) a file run only says what it would write.
        if (directory is not null && !Ask(directory, $"Append the records of {string.Join(", ", streams)} to files")) return;
        var request = new SyncRequest
        {
            Streams = streams,
            StartDate = ToInstant(StartDate),
            LookBack = LookBack,
            Properties = SplitList(Property),
            SaveBookmarks = save,
            OutputDirectory = directory,
            Format = directory is null ? null : Format ?? RecordFileFormat.Csv,
            Tuning = new SyncTuning { LockWait = WaitForLock },
        };

        var progress = new SyncProgress(streams, connection.Core.Options.TimeProvider);
        var several = streams.Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() > 1;
        var objects = new RecordObjectFactory(includeStream: several);
        // A stream's failure is reported once every stream has run: written when it happens, under
        // $ErrorActionPreference = 'Stop' it would end the command and stop the streams still going.
        var failures = new List<ErrorEvent>();
        var singer = AsSingerMessage ? new SingerMessages(connection.Core.Options.TimeProvider) : null;
        try
        {
            _session = SyncSession.Start(connection.Core, profile, request, StopToken);
            foreach (var e in _session.Events())
            {
                switch (e)
                {
                    case StreamShapedEvent shaped when singer is not null:
                        WriteObject(singer.Schema(shaped.Shaper));
                        break;
                    case RecordEvent r when singer is not null:
                        Deliver(new PSObject(singer.Record(r.Record)), r.Record);
                        // A STATE only after the records it covers: the checkpoint counted this one.
                        if (singer.StateAfterCheckpoint(_session!) is { } state) WriteObject(state);
                        break;
                    case RecordEvent r:
                        Deliver(objects.Create(r.Record), r.Record);
                        break;
                    case LogEvent { Request: { } entry }:
                        WriteRequest(entry, connection);
                        break;
                    case LogEvent log:
                        Verbose(connection.Redactor.Redact(log.Message)!);
                        break;
                    case WarningEvent warning:
                        NeverInquire();
                        WriteWarning(connection.Redactor.Redact(warning.Message)!);
                        break;
                    case ProgressEvent p:
                        foreach (var bar in progress.Update(p)) WriteProgress(bar);
                        break;
                    case ErrorEvent error:
                        failures.Add(error);
                        Verbose($"{error.Stream}: failed; the error is reported when the other streams are done.");
                        break;
                }
            }

            var summaries = _session.Complete();
            if (singer is not null) WriteObject(singer.FinalState(_session!));
            foreach (var done in progress.Completed()) WriteProgress(done);
            foreach (var summary in summaries)
                WriteInformation(new SyncRunReport(summary, profile.Path, save), ["Closeio", "Closeio.Sync", summary.Stream]);
        }
        catch (Exception e) when (IsOwnFailure(e))
        {
            // Not in a finally: once the pipeline is stopping, PowerShell refuses further writes.
            foreach (var done in progress.Completed()) WriteProgress(done);
            WriteFailures(failures, connection);
            ThrowFailure(e, profile.Path, connection.Redactor);
        }

        WriteFailures(failures, connection);
    }

    /// <summary>
    /// Writes one record. Select-Object -First takes the record, then stops the commands upstream: in
    /// pwsh 7.6 a PipelineStoppedException comes out of WriteObject (a StopUpstreamCommandsException in
    /// other versions) while the pipeline itself is not stopping. That record was delivered: the
    /// bookmark covers it. Ctrl+C stops the pipeline (Stopping, StopProcessing) before the record is
    /// counted as taken: not delivered, it comes again next run.
    /// </summary>
    private void Deliver(PSObject value, Core.Records.Record record)
    {
        try
        {
            WriteObject(value);
        }
        catch (Exception e) when (TookAndStopped(e))
        {
            _session!.Accept(record);
            throw;
        }

        // Only now has the record been delivered: it may count towards the bookmark.
        _session!.Accept(record);
    }

    private bool TookAndStopped(Exception e) =>
        (e is PipelineStoppedException || e.GetType().Name == "StopUpstreamCommandsException") &&
        !Stopping && !StopToken.IsCancellationRequested;

    private void WriteFailures(List<ErrorEvent> failures, Connection connection)
    {
        var pending = failures.ToList();
        failures.Clear();
        foreach (var error in pending) WriteError(ToErrorRecord(error.Error, error.Stream, connection.Redactor));
    }

    private static IReadOnlyList<string>? ProfileStreams(Core.State.ProfileStore profile)
    {
        try
        {
            return SyncRequest.StreamsSavedIn(profile);
        }
        catch (Core.State.ProfileCorruptException)
        {
            return null; // the sync itself reports it
        }
    }

    /// <summary>Saves the bookmarks of every delivered record, however the run ended.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _session?.Dispose();
            _session = null;
        }

        base.Dispose(disposing);
    }
}
