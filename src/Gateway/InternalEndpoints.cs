namespace PropertyPlatform.Gateway;

/// <summary>
/// What is for operations only (Prometheus' <c>/metrics</c>, the API description <c>/openapi</c> and its reference
/// <c>/scalar</c>) answers on the gateway's internal endpoint, <c>Gateway:InternalPort</c>: the AppHost names it,
/// links it on the dashboard and never exposes it. On the public port these paths don't exist (404). Without an
/// internal port they are served nowhere.
/// </summary>
public static class InternalEndpoints
{
    public const string PortSetting = "Gateway:InternalPort";

    private static readonly PathString[] Paths = ["/metrics", "/openapi", "/scalar"];

    public static WebApplication UseInternalEndpointsOnTheirPortOnly(this WebApplication app)
    {
        var internalPort = app.Configuration.GetValue<int?>(PortSetting);
        // The port the connection arrived on, never the Host header: a client chooses that.
        app.Use(async (context, next) =>
        {
            if (context.Connection.LocalPort != internalPort && Paths.Any(path => context.Request.Path.StartsWithSegments(path)))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });
        return app;
    }
}
