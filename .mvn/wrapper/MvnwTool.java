// What ./mvnw needs when the machine has no curl, wget or SHA-512 tool, with only the JDK:
//   java MvnwTool.java download URL FILE   copies URL to FILE (following redirects)
//   java MvnwTool.java sha512 FILE         prints FILE's SHA-512 in hexadecimal
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;

public class MvnwTool {
    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("download")) {
            HttpClient client = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30))
                    .build();
            HttpResponse<InputStream> response = client.send(
                    HttpRequest.newBuilder(URI.create(args[1])).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    System.err.println("mvnw: " + args[1] + " answered HTTP " + response.statusCode());
                    System.exit(1);
                }
                Files.copy(body, Path.of(args[2]), StandardCopyOption.REPLACE_EXISTING);
            }
        } else if (args.length == 2 && args[0].equals("sha512")) {
            MessageDigest digest = MessageDigest.getInstance("SHA-512");
            try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
                byte[] buffer = new byte[65536];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            System.out.println(HexFormat.of().formatHex(digest.digest()));
        } else {
            System.err.println("usage: java MvnwTool.java download URL FILE | sha512 FILE");
            System.exit(2);
        }
    }
}
