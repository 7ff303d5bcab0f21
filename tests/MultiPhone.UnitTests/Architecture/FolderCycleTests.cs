using System.Reflection;
using MultiPhone.Common;
using NetArchTest.Rules;

namespace MultiPhone.UnitTests.Architecture;

/// <summary>
/// The folders of src/Shared (one namespace each, a sub-namespace belongs to its folder) use each other in one
/// direction only: a feature can then be read, changed and tested with the folders below it, not with the whole app.
/// </summary>
public sealed class FolderCycleTests
{
    private static readonly Assembly Shared = typeof(Result<>).Assembly;

    [Fact]
    public void NoFoldersOfSharedUseEachOtherInACycle()
    {
        var uses = FolderUses();
        var cycles = StronglyConnected(uses).Where(c => c.Count > 1).ToList();
        Assert.True(cycles.Count == 0, string.Join("\n", cycles.Select(c => Describe(c, uses))));
    }

    /// <summary>Folder → folders it uses → its types that use them (in signatures or in method bodies).</summary>
    private static Dictionary<string, Dictionary<string, List<string>>> FolderUses()
    {
        var folders = Shared.GetTypes().Select(t => Folder(t.Namespace)).OfType<string>().Distinct().Order().ToList();
        var uses = folders.ToDictionary(f => f, _ => new Dictionary<string, List<string>>());
        foreach (var from in folders)
        {
            foreach (var to in folders.Where(f => f != from))
            {
                var users = Types.InAssembly(Shared)
                    .That().ResideInNamespace($"MultiPhone.{from}")
                    .And().HaveDependencyOn($"MultiPhone.{to}")
                    .GetTypes()
                    .Select(t => t.FullName!)
                    .ToList();
                if (users.Count > 0)
                {
                    uses[from][to] = users;
                }
            }
        }
        return uses;
    }

    private static string? Folder(string? ns) =>
        ns?.Split('.') is ["MultiPhone", var folder, ..] ? folder : null;

    private static string Describe(List<string> cycle, Dictionary<string, Dictionary<string, List<string>>> uses) =>
        $"These folders use each other in a cycle: {string.Join(", ", cycle.Order())}\n" + string.Join("\n",
            from a in cycle.Order()
            from b in cycle.Order()
            where uses[a].ContainsKey(b)
            select $"  {a} -> {b}: {string.Join(", ", uses[a][b].Take(3))}{(uses[a][b].Count > 3 ? ", ..." : "")}");

    /// <summary>Tarjan's strongly connected components: a component of more than one folder is a cycle.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, List<string>>> uses)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var components = new List<List<string>>();
        void Visit(string v)
        {
            index[v] = low[v] = index.Count;
            stack.Push(v);
            foreach (var w in uses[v].Keys)
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (stack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }
            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    component.Add(w);
                }
                while (w != v);
                components.Add(component);
            }
        }
        foreach (var v in uses.Keys.Where(v => !index.ContainsKey(v)))
        {
            Visit(v);
        }
        return components;
    }
}
