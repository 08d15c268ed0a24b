package jp.mamori.platform.tls;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import jp.mamori.platform.web.SecurityHeaders;

/**
 * Answers the few errors that Tomcat handles before a request reaches the application (a malformed
 * request line, an illegal character in the path) with a short bilingual problem document instead
 * of Tomcat's page, which names the server and its version.
 */
public final class QuietErrorReportValve extends ErrorReportValve {

	public QuietErrorReportValve() {
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		try {
			SecurityHeaders.apply(response);
			response.setContentType("application/problem+json");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"type\":\"about:blank\",\"status\":" + status
						+ ",\"title\":\"The request could not be processed / リクエストを処理できませんでした\"}");
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is already gone; there is nobody left to tell.
		}
	}

}
