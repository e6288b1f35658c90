namespace Closeio.Core.Sync;

/// <summary>
/// One sync run: readers fetch the requested streams in the background, and the single consumer takes
/// the events from <see cref="Events"/> on its own thread, calling <see cref="Accept"/> for each record
/// it took. Bookmarks only ever cover accepted records. Call <see cref="Complete"/> after the events
/// ran out; <see cref="Dispose"/> without it (Ctrl+C, <c>Select-Object -First</c>, an exception)
/// checkpoints what was accepted and records the run as interrupted.
/// </summary>
public sealed class SyncSession : IDisposable
{
    // Guards the profile, the trackers and the files: the consumer, the readers (file mode) and
    // Dispose all reach them.
    private readonly object _gate = new();
    private readonly ProfileStore _store;
    private readonly Profile _profile;
    private readonly ProfileLock? _lock;
    private readonly SyncRequest _request;
    private readonly TimeProvider _clock;
    private readonly CloseClient _client;
    private readonly CloseConnection _connection;
    private readonly RunHandOff _handOff;
    private readonly CancellationTokenSource _cancel;
    private readonly IReadOnlyList<StreamRun> _runs;
    private readonly Dictionary<string, StreamRun> _runsByName;
    private readonly Dictionary<string, StreamBookmark?> _startBookmarks;
    private readonly List<string> _startWarnings = [];
    private OutputFiles? _files;
    private Task _work = Task.CompletedTask;
    private long _acceptedSinceCheckpoint;
    private DateTimeOffset _lastCheckpoint;
    private IReadOnlyList<StreamRunSummary>? _summaries;
    private bool _disposed;

    private SyncSession(CloseConnection connection, ProfileStore store, Profile profile, ProfileLock? profileLock,
        SyncRequest request, IReadOnlyList<StreamDefinition> streams, CancellationToken cancellationToken)
    {
        _store = store;
        _profile = profile;
        _lock = profileLock;
        _request = request;
        _clock = connection.Options.TimeProvider;
        _connection = connection;
        _handOff = new RunHandOff(request.Tuning.HandOffCapacity);
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The connection's client, so a run and the commands around it share what they learnt about
        // the rate limits; the run hears its own requests through a log scope (see RunAsync).
        _client = connection.Client;
        _startBookmarks = new Dictionary<string, StreamBookmark?>(StringComparer.Ordinal);
        var runs = new List<StreamRun>();
        foreach (var definition in streams)
        {
            StreamBookmark? bookmark = null;
            // A full-table stream has no bookmark: every run reads it whole.
            if (!definition.IsFullTable && profile.Bookmarks.TryGetValue(definition.Name, out var b))
            {
                if (b.Key == definition.ReplicationKey)
                {
                    bookmark = Copy(b);
                }
                else
                {
                    // A bookmark on another key (an old or hand-edited state) cannot say where to resume.
                    _startWarnings.Add($"{definition.Name}: the saved bookmark is on '{b.Key}', not '{definition.ReplicationKey}'; " +
                                       "it is ignored and replaced, and the stream starts from the start date.");
                }
            }

            _startBookmarks[definition.Name] = bookmark;
            var tracker = definition.RescanSpan is { } rescan
                ? new BookmarkTracker(definition.Name, definition.ReplicationKey, rescan(request.Tuning), RecentIds.Read(bookmark))
                : new BookmarkTracker(definition.Name, definition.ReplicationKey);
            runs.Add(new StreamRun(definition, tracker));
        }

        if (request.OutputDirectory is not null && !request.SaveBookmarks)
        {
            _startWarnings.Add("Bookmarks are not saved in this run, so the files' lengths are not recorded either: the records are " +
                               "appended to the files, and the next run that saves bookmarks cuts each file back to the length it " +
                               "last recorded and writes them again. A file with no recorded length keeps them, and that run appends them a second time.");
        }

        _runs = runs;
        _runsByName = runs.ToDictionary(r => r.Name, StringComparer.Ordinal);
        _lastCheckpoint = _clock.GetUtcNow();
    }

    /// <summary>
    /// Takes the profile's lock (unless bookmarks are not saved), reads the profile and starts reading
    /// the streams in the background.
    /// </summary>
    /// <param name="connection">The organization to read.</param>
    /// <param name="store">The profile with the bookmarks and settings.</param>
    /// <param name="request">What to sync.</param>
    /// <param name="cancellationToken">Stops the run (the cmdlet's StopProcessing cancels it).</param>
    /// <exception cref="ProfileLockedException">Another run holds the profile.</exception>
    /// <exception cref="ProfileCorruptException">The profile cannot be read; it is left untouched.</exception>
    /// <exception cref="ArgumentException">The request names an unknown stream or is inconsistent.</exception>
    public static SyncSession Start(CloseConnection connection, ProfileStore store, SyncRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        var streams = request.Streams.Select(StreamCatalog.Get).DistinctBy(s => s.Name).ToList();
        if (streams.Count == 0) throw new ArgumentException("Name at least one stream to sync.", nameof(request));
        if ((request.OutputDirectory is null) != (request.Format is null))
        {
            throw new ArgumentException("OutputDirectory and Format go together: set both to write files, or neither.",
                nameof(request));
        }

        // A negative look-back or re-scan would start after the bookmark: what lies between would never be read;
        // a huge one would overflow the dates it is subtracted from.
        if (request.LookBack is { } lookBack) SyncRequest.CheckLookBack(lookBack, "LookBack");
        if (request.Tuning.EventLogRescan < TimeSpan.Zero)
            throw new ArgumentException($"The event log re-scan cannot be negative ({request.Tuning.EventLogRescan}).", nameof(request));

        var time = connection.Options.TimeProvider;
        var profileLock = request.SaveBookmarks ? store.Lock(request.Tuning.LockWait, time) : null;
        SyncSession session;
        OutputFiles? files = null;
        try
        {
            var profile = store.Load();
            if (request.LookBack is null)
                SyncRequest.CheckLookBack(profile.Settings.LookBack, $"The look-back saved in the profile '{store.Path}' (settings.look_back)");
            // Every file is this profile's, and no other run's, before anything is read or written.
            if (request.OutputDirectory is { } dir)
                files = OutputFiles.Claim(dir, request.Format!.Value, streams, store.Path, request.Tuning.LockWait, time);

            session = new SyncSession(connection, store, profile, profileLock, request, streams, cancellationToken) { _files = files };
        }
        catch
        {
            files?.Dispose();
            profileLock?.Dispose();
            throw;
        }

        session._work = Task.Run(session.RunAsync);
        return session;
    }

    /// <summary>
    /// The run's events, in order, blocking until the next one is ready; ends when every stream is
    /// done. Call from one thread only. In file mode (<see cref="SyncRequest.OutputDirectory"/>) it
    /// carries no records.
    /// </summary>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    public IEnumerable<SyncEvent> Events() => _handOff.ReadAll(_cancel.Token);

    /// <summary>The consumer took <paramref name="record"/>: it may now count towards the bookmark.</summary>
    public void Accept(Record record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            if (_disposed || !_runsByName.TryGetValue(record.Stream, out var run) || !run.Tracker.Accept(record)) return;
            AfterAcceptLocked();
        }
    }

    /// <summary>
    /// How many checkpoints the run has made: it changes (on the consumer's thread, inside
    /// <see cref="Accept"/>) when the bookmarks of the accepted records were just saved, and after
    /// <see cref="Complete"/>. A consumer that passes the state on (Singer STATE) does it then.
    /// </summary>
    public int Checkpoints { get; private set; }

    /// <summary>
    /// The bookmarks as the records accepted so far allow them, as a Singer state in the profile's shape
    /// (<c>{"bookmarks": {"leads": {"date_updated": "...", "replication_key": "date_updated", ...}}}</c>),
    /// whether or not this run saves them. Never covers a record that was not accepted.
    /// </summary>
    public string StateJson()
    {
        lock (_gate)
        {
            var copy = ProfileJson.Deserialize(ProfileJson.Serialize(_profile));
            foreach (var run in _runs) run.Tracker.ApplyTo(copy);
            return ProfileJson.StateJson(copy);
        }
    }

    /// <summary>
    /// Ends the run after <see cref="Events"/> ran out: saves the final bookmarks and the per-stream
    /// summary (unless bookmarks are not saved) and returns the summary.
    /// </summary>
    /// <exception cref="InvalidOperationException">The streams are still being read.</exception>
    public IReadOnlyList<StreamRunSummary> Complete()
    {
        if (_summaries is not null) return _summaries;
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_handOff.IsCompleted)
        {
            throw new InvalidOperationException("Complete() ends a run whose events have all been read; call Dispose() to stop early.");
        }

        // The events end a moment before the background task does; it has nothing left but to return.
        try
        {
            _work.Wait();
        }
        catch (AggregateException)
        {
            // Reader failures were reported as ErrorEvents already.
        }

        lock (_gate)
        {
            _summaries = FinishLocked();
        }

        Release();
        return _summaries;
    }

    /// <summary>Stops the readers, checkpoints accepted records and releases the profile.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        if (_summaries is null)
        {
            _cancel.Cancel();
            try
            {
                // Readers stop at their next await; an HTTP attempt in flight is cancelled with them.
                _work.Wait(TimeSpan.FromSeconds(30));
            }
            catch (AggregateException)
            {
                // Reader failures were reported as ErrorEvents already.
            }

            try
            {
                lock (_gate)
                {
                    _summaries = FinishLocked();
                }
            }
            finally
            {
                Release();
            }
        }
    }

    private async Task RunAsync()
    {
        var token = _cancel.Token;
        // Every request the readers make from here on (they all start inside this flow) becomes a LogEvent.
        using var logScope = _client.BeginLogScope(entry => _handOff.Post(new LogEvent(entry.ToString()) { Request = entry }));
        try
        {
            foreach (var warning in _startWarnings) _handOff.Post(new WarningEvent(warning));
            DateTimeOffset upperBound;
            DateTimeOffset watermark;
            try
            {
                // One cheap request checks the key and samples the server's clock for the upper bound:
                // this answer's Date, not LastServerDate, which an earlier request on the shared client set.
                // A run started right after connecting takes the connect's own answer instead.
                DateTimeOffset? serverDate;
                if (!_connection.TryTakeFreshServerDate(out serverDate))
                    (_, serverDate) = await _client.GetIdentityAndDateAsync(token).ConfigureAwait(false);
                upperBound = TimeWindowScanner.Align(serverDate ?? _clock.GetUtcNow());
                if (serverDate is not null)
                {
                    watermark = upperBound - TimeSpan.FromSeconds(1);
                }
                else
                {
                    // The local clock may run ahead of the server's: an edit made after this run by the
                    // server's clock could otherwise sit before the watermark and never come again.
                    var margin = _request.Tuning.LocalClockMargin < TimeSpan.FromSeconds(1)
                        ? TimeSpan.FromSeconds(1)
                        : _request.Tuning.LocalClockMargin;
                    watermark = upperBound - margin;
                    _handOff.Post(new LogEvent(
                        $"The server's answer to me/ carried no Date header: the run's upper bound is the local clock " +
                        $"({CloseTimestamp.Format(upperBound)}), and the activities watermark is set {margin} before it " +
                        "in case the local clock runs ahead of the server's."));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
            {
                foreach (var run in _runs) Fail(run, e);
                return;
            }

            foreach (var (stream, bookmark) in _startBookmarks)
            {
                if (bookmark?.IsInFuture(upperBound) == true)
                {
                    _handOff.Post(new WarningEvent(
                        $"{stream}: the saved bookmark, {CloseTimestamp.Format(bookmark.Value!.Value)}, is later than the server's time " +
                        $"({CloseTimestamp.Format(upperBound)}), so this run reads nothing of {stream} and every run will until then. " +
                        "If the profile was edited by hand or the bookmark set by mistake, set it back (Set-CloseioState) or reset it (Reset-CloseioState)."));
                }
            }

            var startDate = ResolveStartDate(upperBound);
            var lookBack = _request.LookBack ?? _profile.Settings.LookBack;
            // Custom fields are read once per run and shared; their requests count towards the stream that
            // delivers them when it runs.
            var servingRun = _runs.FirstOrDefault(r => r.Definition.ServesCustomFieldDefinitions);
            var customFields = new CustomFieldSet.Source(_client, servingRun?.Counters ?? new RequestCounters(),
                servingRun is null ? CustomFieldSet.PageSize : PageSize(servingRun.Definition), token);
            using var throttle = new SemaphoreSlim(Math.Max(1, _request.Concurrency));
            await Task.WhenAll(_runs.Select(run =>
                RunStreamAsync(run, throttle, customFields, startDate, upperBound, watermark, lookBack, token))).ConfigureAwait(false);
        }
        finally
        {
            _handOff.Complete();
        }
    }

    private async Task RunStreamAsync(StreamRun run, SemaphoreSlim throttle, CustomFieldSet.Source customFields,
        DateTimeOffset startDate, DateTimeOffset upperBound, DateTimeOffset watermark, TimeSpan lookBack, CancellationToken token)
    {
        var entered = false;
        try
        {
            await throttle.WaitAsync(token).ConfigureAwait(false);
            entered = true;
            run.Started = _clock.GetUtcNow();
            // Only the kinds this stream's records carry: a stream without custom values reads none.
            var kinds = run.Definition.CustomFieldKindsRead;
            var fields = kinds.Count > 0 ? await customFields.LoadAsync(kinds, token).ConfigureAwait(false) : null;
            var shaper = new RecordShaper(run.Definition, fields?.Definitions ?? [], _request.Properties);
            _handOff.Post(new StreamShapedEvent(run.Name, shaper));
            if (_files is { } files)
            {
                lock (_gate)
                {
                    foreach (var opened in files.Open(run.Definition, shaper, _startBookmarks[run.Name])) _handOff.Post(opened);
                    // Record the length from the start, so a run killed before its first checkpoint is cut back too.
                    CheckpointLocked();
                }
            }

            var context = new StreamContext
            {
                Definition = run.Definition,
                Client = _client,
                Counters = run.Counters,
                OrganizationId = _connection.Identity.OrganizationId is { Length: > 0 } org ? org : null,
                Shaper = shaper,
                CustomFieldSet = fields,
                Bookmark = _startBookmarks[run.Name],
                StartDate = startDate,
                UpperBound = upperBound,
                Watermark = watermark,
                Tuning = _request.Tuning,
                LookBack = lookBack,
                PageSize = PageSize(run.Definition),
                Emit = (records, ct) => EmitAsync(run, records, ct),
                Warn = message => _handOff.Post(new WarningEvent($"{run.Name}: {message}")),
                Progress = status => _handOff.Post(new ProgressEvent(run.Name, Interlocked.Read(ref run.Emitted), status)),
                Log = message => _handOff.Post(new LogEvent(message)),
                SetExtraWhenAccepted = (key, value) =>
                {
                    lock (_gate) run.Tracker.AddMarker(key, value);
                },
            };
            await run.Definition.CreateReader().ReadAsync(context, token).ConfigureAwait(false);
            run.Outcome = SyncOutcome.Completed;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            run.Outcome = SyncOutcome.Interrupted;
        }
        catch (CloseApiException e) when (e.Kind is CloseErrorKind.Forbidden or CloseErrorKind.NotFound &&
                                          Interlocked.Read(ref run.Emitted) == 0)
        {
            // The key checked out (me/ answered), so this is about the stream's own endpoint: a permission
            // or a feature this key or plan lacks. It must not fail the streams that can be read.
            run.Outcome = SyncOutcome.Skipped;
            run.Error = e.Message;
            _handOff.Post(new WarningEvent(
                $"{run.Name}: skipped, because Close refused its endpoint: {e.Message} This key or the organization's plan " +
                $"may not have access to {run.Name}; the other streams go on, and its bookmark is unchanged."));
        }
        catch (Exception e)
        {
            Fail(run, e);
        }
        finally
        {
            run.Ended = _clock.GetUtcNow();
            if (entered) throttle.Release();
            _handOff.Post(new ProgressEvent(run.Name, Interlocked.Read(ref run.Emitted), run.Outcome ?? SyncOutcome.Interrupted));
        }
    }

    private async ValueTask EmitAsync(StreamRun run, IReadOnlyList<Record> records, CancellationToken token)
    {
        foreach (var record in records)
        {
            token.ThrowIfCancellationRequested();
            if (_files is { } files)
            {
                // Written is delivered: the file is the consumer.
                lock (_gate)
                {
                    run.Tracker.Emitted(record);
                    files.Write(record);
                    run.Tracker.Accept(record);
                    Interlocked.Increment(ref run.Emitted);
                    AfterAcceptLocked();
                }

                continue;
            }

            lock (_gate) run.Tracker.Emitted(record);
            Interlocked.Increment(ref run.Emitted);
            await _handOff.WriteRecordAsync(new RecordEvent(record), token).ConfigureAwait(false);
        }
    }

    private void Fail(StreamRun run, Exception error)
    {
        run.Outcome = SyncOutcome.Failed;
        run.Error = error.Message;
        _handOff.Post(new ErrorEvent(run.Name, error));
    }

    private void AfterAcceptLocked()
    {
        _acceptedSinceCheckpoint++;
        if (_acceptedSinceCheckpoint >= _request.Tuning.CheckpointEveryRecords ||
            _clock.GetUtcNow() - _lastCheckpoint >= _request.Tuning.CheckpointInterval)
        {
            CheckpointLocked();
        }
    }

    /// <summary>
    /// Flushes the files, then saves the bookmarks the accepted records allow and, with each, the length
    /// of its stream's file (in file mode every record written was accepted, so they agree).
    /// </summary>
    private void CheckpointLocked()
    {
        Checkpoints++;
        _acceptedSinceCheckpoint = 0;
        _lastCheckpoint = _clock.GetUtcNow();
        if (!_request.SaveBookmarks) return;
        _files?.Flush();
        foreach (var run in _runs) run.Tracker.ApplyTo(_profile);
        // Saved in the same write as the bookmarks: the files' bytes up to here are what they cover.
        _files?.RecordLengths(_profile, _runs.Select(r => (r.Definition, r.Tracker.KeyName)));

        _store.Save(_profile);
    }

    private IReadOnlyList<StreamRunSummary> FinishLocked()
    {
        var now = _clock.GetUtcNow();
        var summaries = new List<StreamRunSummary>(_runs.Count);
        foreach (var run in _runs)
        {
            // A stream read to the end is not complete until the consumer took every record.
            if (run.Outcome is null || (run.Outcome == SyncOutcome.Completed && run.Tracker.Pending > 0))
                run.Outcome = SyncOutcome.Interrupted;
            var summary = run.Summarize(now);
            summaries.Add(summary);
            if (_request.SaveBookmarks) _profile.LastRun[run.Name] = summary;
        }

        CheckpointLocked();
        return summaries;
    }

    private void Release()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _files?.Dispose();
        }

        _cancel.Cancel();
        _handOff.Dispose();
        _cancel.Dispose();
        _lock?.Dispose();
    }

    private DateTimeOffset ResolveStartDate(DateTimeOffset upperBound)
    {
        if (_request.StartDate is { } requested) return requested.ToUniversalTime();
        lock (_gate)
        {
            if (_profile.Settings.StartDate is { } saved) return saved.ToUniversalTime();

            // "One year before the first run": kept in the profile so a first run cut short resumes from
            // the same place rather than a little later. It bounds leads, activities and tasks (the
            // event log is clamped to its 30 days); users and custom fields, small tables read whole,
            // are delivered whole on a run without a bookmark, however old they are.
            var start = upperBound.AddYears(-1);
            if (_request.SaveBookmarks) _profile.Settings.StartDate = start;
            return start;
        }
    }

    private int PageSize(StreamDefinition stream) =>
        _request.Tuning.PageSizes?.TryGetValue(stream.Name, out var requested) == true && requested > 0 ? requested
        : _profile.Settings.PageSizes.TryGetValue(stream.Name, out var saved) && saved > 0 ? saved
        : stream.DefaultPageSize;

    private static StreamBookmark Copy(StreamBookmark b) => new(b.Key)
    {
        Value = b.Value,
        BoundaryIds = [.. b.BoundaryIds],
        Extra = new Dictionary<string, string>(b.Extra, StringComparer.Ordinal),
    };
}
