using BenchmarkDotNet.Running;

// Moecraft benchmarks. Run from the repository root, always in Release:
//   dotnet run -c Release --project benchmarks/Moecraft.Benchmarks -- --filter '*RoutingStep*'
//   dotnet run -c Release --project benchmarks/Moecraft.Benchmarks -- --filter '*RoutingRoundTrip*'
//   dotnet run -c Release --project benchmarks/Moecraft.Benchmarks -- --filter '*' --job short   (quick figures)
//   dotnet run -c Release --project benchmarks/Moecraft.Benchmarks -- --filter '*' --job dry     (smoke test: one pass)
//   dotnet run -c Release --project benchmarks/Moecraft.Benchmarks -- --list flat                (list the cases)
// Results land in BenchmarkDotNet.Artifacts/ under the working directory.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
