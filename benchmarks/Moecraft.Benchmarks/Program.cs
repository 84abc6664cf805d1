using BenchmarkDotNet.Running;
using Moecraft.Benchmarks;
using Moecraft.Benchmarks.FedSync;
using Moecraft.Benchmarks.Gateway;
using Moecraft.Benchmarks.Replay;
using Moecraft.Benchmarks.ToyBench;

// Moecraft benchmarks. Run from the repository root, always in Release:
//   dotnet run -c Release --project benchmarks/Moecraft.Benchmarks -- --filter '*RoutingStep*'
//   dotnet run -c Release --project benchmarks/Moecraft.Benchmarks -- --filter '*RoutingRoundTrip*'
//   dotnet run -c Release --project benchmarks/Moecraft.Benchmarks -- --filter '*' --job short   (quick figures)
//   dotnet run -c Release --project benchmarks/Moecraft.Benchmarks -- --filter '*' --job dry     (smoke test: one pass)
//   dotnet run -c Release --project benchmarks/Moecraft.Benchmarks -- --list flat                (list the cases)
// Results land in BenchmarkDotNet.Artifacts/ under the working directory.
//
// The toy bench (BENCHMARKS 1) trains the char-level MoE model per arm, fault and seed; it is not a BenchmarkDotNet suite:
//   dotnet run -c Release --project benchmarks/Moecraft.Benchmarks -- toybench [--steps 2000] [--seeds 1337,7]
//       [--arms dense,none,switch,lossfree,moecraft] [--faults clean,collapse,noise] [--out BenchmarkDotNet.Artifacts/toybench]
//   dotnet run -c Release --project benchmarks/Moecraft.Benchmarks -- toybench --merge <dir>,<dir> --out <dir>
//
// The cache probe (SPEC 4.3) prints, per embedder, the surrogate cache's false-hit and paraphrase hit rates on the generated
// probe set, the calibrated threshold and the embedding latency per prompt:
//   dotnet run -c Release --project benchmarks/Moecraft.Benchmarks -- cacheprobe [--embedders hashing,minilm,arctic-xs] [--seed N]
//       [--bases-per-template N] [--thresholds 0.90,0.95,0.97,0.99] [--repetitions 200] [--out DIR]
//
// The replay harness (BENCHMARKS 2) trains the learned success predictor on replay data and sweeps the quality target:
//   dotnet run -c Release --project benchmarks/Moecraft.Benchmarks -- replay [--items 2000] [--seed 7] [--out BenchmarkDotNet.Artifacts/replay]
//   dotnet run -c Release --project benchmarks/Moecraft.Benchmarks -- replay --data <file.jsonl> --prices <expert>=<in>:<out>,...
//
// The federation sync (SPEC 6) starts N in-process nodes, publishes, rates peers CORE, syncs in rounds and checks convergence:
//   dotnet run -c Release --project benchmarks/Moecraft.Benchmarks -- fedsync [--nodes 3] [--packets 1000] [--keys 300] [--rounds 10] [--seed 7]
//
// The gateway overhead (issue 11) measures direct, Portkey and a Moecraft silo's OpenAI API over a zero-latency upstream:
//   dotnet run -c Release --project benchmarks/Moecraft.Benchmarks -- gateway [--arms direct,portkey,moecraft-expert,moecraft-auto]
//       [--stream both|on|off] [--requests 5000] [--duration 10] [--concurrency 64] [--out BenchmarkDotNet.Artifacts/gateway]
if (args.Length > 0 && args[0] == ToyBenchCommand.Name) return await ToyBenchCommand.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == CacheProbeCommand.Name) return CacheProbeCommand.Run(args[1..]);
if (args.Length > 0 && args[0] == ReplayCommand.Name) return await ReplayCommand.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == FedSyncCommand.Name) return await FedSyncCommand.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == GatewayCommand.Name) return await GatewayCommand.RunAsync(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
