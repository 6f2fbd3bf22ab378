using PropertyPlatform.AppHost;

var builder = DistributedApplication.CreateBuilder(args);
PlatformModel.Configure(builder, args);
await builder.Build().RunAsync();
