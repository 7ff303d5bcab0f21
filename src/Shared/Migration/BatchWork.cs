namespace MultiPhone.Migration;

/// <summary>Runs an activity's businesses a few at a time: each is a handful of sequential round trips to Cosmos.</summary>
public static class BatchWork
{
    public const int Concurrency = 8;

    public static async Task<TResult[]> RunAsync<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, CancellationToken, Task<TResult>> work)
    {
        var results = new TResult[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (i, ct) => results[i] = await work(items[i], ct));
        return results;
    }

    public static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
