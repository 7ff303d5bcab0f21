using MultiPhone.Bench;

if (!BenchOptions.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchOptions.Usage);
    return ExitCodes.Usage;
}
if (!TokenSource.TryResolve(options, out var token, out error))
{
    Console.Error.WriteLine(error);
    return ExitCodes.Usage;
}

using var client = BenchClient.Create(options, token);
Report.PrintHeader(options.Url);
try
{
    return await BenchOptions.Commands[options.Command](client, options);
}
catch (HttpRequestException e)
{
    // Setup requests are not measured, so a failure there means the API is not usable and the run cannot go on.
    Console.Error.WriteLine($"Cannot talk to {options.Url}: {e.Message}");
    return ExitCodes.UnexpectedStatus;
}
