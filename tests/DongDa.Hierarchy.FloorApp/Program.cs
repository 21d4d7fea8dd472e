// The floor the load script measures the host against: the least an ASP.NET Core app can do to answer
// a read of the same size. Kestrel and routing only; GET /NAME answers the bytes of the file NAME in
// the folder given, read once at start (the script saves the host's own answers there, so the sizes
// are equal).
// Usage: dotnet DongDa.Hierarchy.FloorApp.dll --urls http://127.0.0.1:PORT --documents FOLDER
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var folder = app.Configuration["documents"] ?? throw new ArgumentException("--documents FOLDER is required.");
var documents = new DirectoryInfo(folder).GetFiles().ToDictionary(file => file.Name, file => File.ReadAllBytes(file.FullName), StringComparer.Ordinal);
app.MapGet("/{name}", (string name) => documents.TryGetValue(name, out var document)
    ? Results.Bytes(document, "application/json; charset=utf-8")
    : Results.NotFound());
await app.RunAsync();
