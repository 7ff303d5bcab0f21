namespace MultiPhone.IntegrationTests.Infrastructure;

public static class RepoRoot
{
    /// <summary>The folder holding MultiPhone.sln, found by walking up from the test binaries.</summary>
    public static readonly string Path = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "MultiPhone.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("MultiPhone.sln not found above " + AppContext.BaseDirectory);
    }
}
