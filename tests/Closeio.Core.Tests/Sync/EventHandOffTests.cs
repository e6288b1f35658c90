namespace Closeio.Core.Tests.Sync;

public sealed class EventHandOffTests
{
    /// <summary>
    /// SyncSession.Complete() asks the hand-off whether it is complete right after the consumer's
    /// enumeration ended ("Complete() ends a run whose events have all been read" was thrown about one
    /// run in 75): the flag must already be true by then, whichever thread completed it. A fresh
    /// thread completes each hand-off while this one reads it to its end, both released together;
    /// the race needs the completing thread to be interrupted between its two steps, so it is tried
    /// many times, stopping at the first miss (before the fix: one in a few hundred).
    /// </summary>
    [Fact]
    public void The_events_never_end_before_the_hand_off_says_it_is_complete()
    {
        const int iterations = 10_000;
        var missed = -1;
        using var go = new Barrier(2);
        for (var i = 0; i < iterations && missed < 0; i++)
        {
            using var handOff = new RunHandOff(4);
            var completer = new Thread(() =>
            {
                go.SignalAndWait();
                handOff.Complete();
            });
            completer.Start();
            go.SignalAndWait();
            foreach (var _ in handOff.ReadAll(CancellationToken.None))
            {
            }

            if (!handOff.IsCompleted) missed = i;
            completer.Join();
        }

        Assert.True(missed < 0, $"hand-off {missed + 1}: the events ended before IsCompleted was set");
    }
}
