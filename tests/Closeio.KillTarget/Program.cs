// One sync run to files, as Sync-CloseioStream -OutputDirectory does, for a test to kill at any moment.
// Usage: Closeio.KillTarget <base-uri> <profile-path> <output-directory> <csv|jsonl> <stream,stream,...>
// The API key comes from CLOSEIO_KILLTARGET_KEY (never an argument, so it shows in no process list).
using Closeio.Core;
using Closeio.Core.Http;
using Closeio.Core.Records;
using Closeio.Core.State;
using Closeio.Core.Sync;
using Closeio.Core.Output;

if (args.Length != 5)
{
    Console.Error.WriteLine("usage: Closeio.KillTarget <base-uri> <profile-path> <output-directory> <csv|jsonl> <streams>");
    return 2;
}

var baseUri = new Uri(args[0]);
if (!baseUri.IsLoopback)
{
    Console.Error.WriteLine("This test program only talks to a loopback Sandbox.");
    return 2;
}

var streams = args[4].Split(',', StringSplitOptions.RemoveEmptyEntries);
using var connection = await CloseConnection.ConnectAsync(new CloseConnectionOptions
{
    BaseUri = baseUri,
    ApiKey = Environment.GetEnvironmentVariable("CLOSEIO_KILLTARGET_KEY") ?? "",
}, CancellationToken.None);
var request = new SyncRequest
{
    Streams = streams,
    StartDate = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
    OutputDirectory = args[2],
    Format = args[3] == "csv" ? RecordFileFormat.Csv : RecordFileFormat.JsonLines,
    // Small pages and frequent checkpoints: many moments where a kill lands mid-write or mid-save.
    Tuning = new SyncTuning
    {
        CheckpointEveryRecords = 5,
        PageSizes = streams.ToDictionary(s => s, _ => 10),
        LockWait = TimeSpan.FromSeconds(10),
    },
};
using var session = SyncSession.Start(connection, ProfileStore.ForPath(args[1]), request, CancellationToken.None);
var failed = false;
foreach (var e in session.Events())
{
    if (e is ErrorEvent error)
    {
        Console.Error.WriteLine($"{error.Stream}: {error.Error.Message}");
        failed = true;
    }
}

session.Complete();
return failed ? 1 : 0;
