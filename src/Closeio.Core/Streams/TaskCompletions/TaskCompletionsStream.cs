namespace Closeio.Core.Streams;

/// <summary>
/// The task_completions stream: the TaskCompleted activities alone, from the type's own endpoint
/// (<see cref="ActivityTypes.PathOf"/>), read as <c>activities</c> is (see <see cref="ActivitiesReader"/>).
/// A sync names it to get it: <c>activities</c> already holds these records.
/// </summary>
public static class TaskCompletionsStream
{
    /// <summary>The stream's definition, as <see cref="StreamCatalog"/> lists it.</summary>
    public static StreamDefinition Definition { get; } = new ActivityTypeStream
    {
        Name = "task_completions",
        Type = "TaskCompleted",
        TypeName = "Closeio.TaskCompletion",
        Description = "Tasks marked done: which task, its text and its assignee.",
        Uses =
        [
            "task_assigned_to", "task_assigned_to_name", "task_id", "task_text",
        ],
    }.Define();
}
