package io.liuliang.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

import io.liuliang.customer.PiiKind;
import io.liuliang.job.JobId;
import io.liuliang.job.JobStatus;
import io.liuliang.job.JobSubmission;
import io.liuliang.job.Jobs;
import io.liuliang.order.Shops;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.ProblemType;
import io.liuliang.shared.ShopId;
import tools.jackson.databind.json.JsonMapper;

/** Uploads, previews and starts imports. */
@Service
class ImportService {

    static final int SAMPLE_ROWS = 10;
    private final ImportRunStore runs;
    private final ImportFileStore files;
    private final Shops shops;
    private final Jobs jobs;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final ImportPrivacy privacy;

    ImportService(ImportRunStore runs, ImportFileStore files, Shops shops, Jobs jobs, TransactionTemplate tx, JsonMapper json,
                  ImportPrivacy privacy) {
        this.privacy = privacy;
        this.runs = runs;
        this.files = files;
        this.shops = shops;
        this.jobs = jobs;
        this.tx = tx;
        this.json = json;
    }

    /** What the first rows of a file say: its format, header, a sample, and the profiles that fit. */
    record Preview(String format, List<String> header, List<List<String>> sampleRows, List<Candidate> candidates) {
    }

    record Candidate(String profile, String name, double score, List<String> missingRequired) {
    }

    UUID upload(MultipartFile upload, UUID shopId, String profile, String mappingJson, boolean start) {
        if (shopId == null) {
            throw ApiProblemException.invalid("shopId", "is required");
        }
        shops.find(new ShopId(shopId)).orElseThrow(() -> ApiProblemException.invalid("shopId", "unknown shop " + shopId));
        if (upload == null || upload.isEmpty()) {
            throw ApiProblemException.invalid("file", "send the export file as the multipart part 'file'");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile("liuliang-upload-", ".tmp");
            upload.transferTo(temp);
            Preview preview = preview(temp);
            String chosen = chooseProfile(profile, preview);
            if (start) {
                validateMapping(chosen, preview.header(), mappingJson);
            }
            UUID id = UUID.randomUUID();
            String fileName = upload.getOriginalFilename() == null ? "upload" : upload.getOriginalFilename();
            Path file = temp;
            tx.executeWithoutResult(status -> {
                ImportFileStore.Stored stored;
                try (InputStream in = Files.newInputStream(file)) {
                    stored = files.store(in);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                runs.insert(id, shopId, fileName, stored, preview.format(), chosen, json.writeValueAsString(preview.header()),
                        json.writeValueAsString(preview.sampleRows()), actor());
            });
            if (start) {
                queue(id, chosen, mappingJson);
            }
            return id;
        } catch (IOException e) {
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, "The upload could not be read: " + e.getMessage());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temp file left behind is removed by the OS
                }
            }
        }
    }

    Preview previewOf(UUID importId) {
        ImportRunStore.Run run = get(importId);
        List<String> header = json.readValue(run.header(), new tools.jackson.core.type.TypeReference<List<String>>() { });
        // stored with personal data masked (ImportPrivacy)
        List<List<String>> sample = json.readValue(run.sampleRows(),
                new tools.jackson.core.type.TypeReference<List<List<String>>>() { });
        return new Preview(run.format(), header, sample, candidates(header));
    }

    void start(UUID importId, String profile, String mappingJson) {
        ImportRunStore.Run run = get(importId);
        if (run.status() != ImportRunStore.Status.UPLOADED) {
            throw ApiProblemException.conflict("Import " + importId + " was already started (" + run.status() + ")");
        }
        Preview preview = previewOf(importId);
        String chosen = chooseProfile(profile == null || profile.isBlank() ? run.profile() : profile, preview);
        validateMapping(chosen, preview.header(), mappingJson);
        queue(importId, chosen, mappingJson);
    }

    ImportRunStore.Run get(UUID importId) {
        ImportRunStore.Run run = runs.find(importId).orElseThrow(() -> ApiProblemException.notFound("Import", importId));
        if (run.status() == ImportRunStore.Status.QUEUED && run.jobId() != null
                && jobs.statusOf(new JobId(run.jobId())).filter(s -> s == JobStatus.CANCELLED || s == JobStatus.FAILED).isPresent()) {
            JobStatus status = jobs.statusOf(new JobId(run.jobId())).orElseThrow();
            runs.finish(importId, status == JobStatus.CANCELLED ? ImportRunStore.Status.CANCELLED : ImportRunStore.Status.FAILED,
                    status == JobStatus.FAILED ? "the import job failed before it started" : null);
            return runs.find(importId).orElseThrow();
        }
        return run;
    }

    List<ImportRunStore.Run> list(java.time.Instant before, UUID beforeId, int fetch) {
        return runs.list(before, beforeId, fetch);
    }

    private void queue(UUID importId, String profile, String mappingJson) {
        ImportRunStore.Run run = runs.find(importId).orElseThrow();
        tx.executeWithoutResult(status -> {
            JobId job = jobs.submit(new JobSubmission(ImportJob.TYPE, "Import " + run.fileName(),
                    json.writeValueAsString(new ImportJob.Payload(importId)), null));
            runs.queue(importId, profile, mappingJson == null || mappingJson.isBlank() ? null : mappingJson, job.value());
        });
    }

    private void validateMapping(String profile, List<String> header, String mappingJson) {
        ImportProfile p = ImportProfile.byId(profile).orElseThrow();
        try {
            ImportMappings.resolve(p, header, mappingJson, json);
        } catch (tools.jackson.core.JacksonException e) {
            throw ApiProblemException.invalid("mapping", "must be a JSON object of field → column name, e.g. "
                    + "{\"customer_id\": \"买家会员名\"}");
        }
    }

    private String chooseProfile(String requested, Preview preview) {
        if (requested != null && !requested.isBlank()) {
            return ImportProfile.byId(requested.strip()).map(ImportProfile::id)
                    .orElseThrow(() -> ApiProblemException.invalid("profile", "unknown profile '" + requested
                            + "'; one of " + String.join(", ", java.util.Arrays.stream(ImportProfile.values()).map(ImportProfile::id).toList())));
        }
        if (preview.candidates().isEmpty() || preview.candidates().get(0).score() <= 0) {
            throw ApiProblemException.invalid("profile", "the file's columns match no known export; choose a profile "
                    + "and map the columns");
        }
        return preview.candidates().get(0).profile();
    }

    private Preview preview(Path file) throws IOException {
        try (RowReader reader = RowReader.open(file)) {
            List<List<String>> sample = new ArrayList<>();
            Map<Integer, PiiKind> personal = privacy.personalColumns(reader.header(), null);
            for (ImportRow row : reader) {
                sample.add(privacy.mask(row.fields(), personal));
                if (sample.size() == SAMPLE_ROWS) {
                    break;
                }
            }
            return new Preview(describe(reader.format()), reader.header(), sample, candidates(reader.header()));
        } catch (ImportFileException e) {
            throw new ApiProblemException(ProblemType.VALIDATION, "The file cannot be imported: " + e.getMessage(),
                    List.of(new FieldError("file", e.getMessage())), java.util.Map.of());
        }
    }

    private static List<Candidate> candidates(List<String> header) {
        return ProfileDetector.detect(header).stream()
                .map(c -> new Candidate(c.profile().id(), c.profile().displayName(), c.score(),
                        c.missingRequired().stream().map(ImportField::key).sorted().toList()))
                .toList();
    }

    private static String describe(ImportFormat format) {
        if (format instanceof ImportFormat.DelimitedText text) {
            String delimiter = text.delimiter() == '\t' ? "tab" : String.valueOf(text.delimiter());
            return "csv" + (text.gzipped() ? ".gz" : "") + " (" + text.charset().name() + ", delimiter " + delimiter + ")";
        }
        return format instanceof ImportFormat.Xlsx x && x.gzipped() ? "xlsx.gz" : "xlsx";
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }
}
