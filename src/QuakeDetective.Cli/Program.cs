using QuakeDetective.Cli;

return await QuakeCli.RunAsync(args, Console.Out, Console.Error);
