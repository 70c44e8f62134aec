"""The REST API (FastAPI), served beside the Gradio app. Each route validates its input, makes
one call into `MovieAssistant`, and turns the errors a caller can fix into a 4xx with a message."""

from __future__ import annotations

import hmac
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, File, HTTPException, Path, Query, Request, UploadFile
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AfterValidator, BaseModel, Field

from assistant import MovieAssistant, Recommendation
from assistant.errors import USER_ERRORS, NotIngestedError
from assistant.settings import MAX_K
from ingest.catalogue import MAX_OVERVIEW_CHARS, MAX_TITLE_CHARS, MAX_YEAR, MIN_YEAR
from ingest.movie import Movie
from ui.interactions import InteractionLog

log = logging.getLogger(__name__)

MAX_REQUEST_CHARS = 10_000
MAX_NAMES = 200  # list fields of a film, as the catalogue reader allows
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:@-]*$"  # what fits a URL path and a log line unescaped
# Work that runs the embedding model at once: more threads than this only fight over two cores.
WORK_SLOTS = 4
# What a caller (or the person typing) can fix: shown as a message, never as a stack trace.
CALLER_ERRORS: tuple[type[Exception], ...] = (*USER_ERRORS, ValueError)


def _plain_text(value: str) -> str:
    # A NUL or an unpaired surrogate (valid JSON escapes) would fail later in SQLite or Chroma,
    # far from the caller; refuse it here, where the message can name the field.
    if "\x00" in value or any("\ud800" <= ch <= "\udfff" for ch in value):
        raise ValueError("must be text without NUL characters or unpaired surrogates")
    return value


PlainText = AfterValidator(_plain_text)  # after the length checks, so their messages read as text limits
SessionId = Annotated[str, Field(min_length=1, max_length=128, pattern=ID_PATTERN)]
UserId = Annotated[str, Field(min_length=1, max_length=128, pattern=ID_PATTERN)]
UserPath = Annotated[str, Path(min_length=1, max_length=128, pattern=ID_PATTERN)]
Name = Annotated[str, Field(min_length=1, max_length=MAX_TITLE_CHARS), PlainText]
# Module level: FastAPI resolves dependency annotations in the module's namespace.
BEARER = HTTPBearer(auto_error=False, description="Needed for writes when REELCHAT_API_TOKEN is set")


class RecommendIn(BaseModel):
    request: Annotated[
        str, Field(max_length=MAX_REQUEST_CHARS, description="what you feel like watching"), PlainText
    ]
    k: int = Field(5, ge=1, le=MAX_K, description="how many films")
    session_id: SessionId | None = Field(None, description="films shown in this session are not repeated")
    user_id: UserId | None = Field(
        None, description="whose profile: their films are left out, their taste used"
    )


class ChatIn(BaseModel):
    message: Annotated[str, Field(max_length=MAX_REQUEST_CHARS), PlainText]
    session_id: SessionId
    k: int | None = Field(None, ge=1, le=MAX_K)
    user_id: UserId | None = Field(
        None, description="whose profile: their films are left out, their taste used"
    )


class EvidenceOut(BaseModel):
    """Why a film was picked (assistant.evidence.Evidence): request parts it matches, plot
    phrases, how it relates to films named, its standing, and the plot sentence that fits best."""

    matches: list[str]
    plot_phrases: list[str]
    related: list[str]
    standing: str
    plot: str


class RecommendationOut(BaseModel):
    movie_id: str
    title: str
    year: int | None
    genres: list[str]
    score: float
    overview: str
    tagline: str
    runtime: int | None
    vote_average: float | None
    directors: list[str]
    cast: list[str]
    keywords: list[str]
    evidence: EvidenceOut
    language: str = Field("", description="original language, ISO 639-1 ('ko'); '' where unknown")

    @classmethod
    def of(cls, rec: Recommendation) -> RecommendationOut:
        return cls.model_validate(rec, from_attributes=True)


class RecommendOut(BaseModel):
    recommendations: list[RecommendationOut]
    notices: list[str]
    timings_ms: dict[str, float]


class ChatOut(RecommendOut):
    text: str
    backend: str


class MovieOut(BaseModel):
    movie_id: str
    title: str
    year: int | None
    genres: list[str]
    overview: str
    tagline: str
    runtime: int | None
    vote_average: float | None
    vote_count: int | None
    directors: list[str]
    cast: list[str]
    keywords: list[str]
    language: str = Field("", description="original language, ISO 639-1 ('ko'); '' where unknown")

    @classmethod
    def of(cls, m: Movie) -> MovieOut:
        return cls(movie_id=m.id, **{k: getattr(m, k) for k in cls.model_fields if k != "movie_id"})


class MovieIn(BaseModel):
    """One film in the catalogue's own column names; `id` is derived from title and year if absent."""

    id: str | None = Field(None, min_length=1, max_length=128, pattern=ID_PATTERN)
    title: Name
    overview: Annotated[
        str, Field(min_length=1, max_length=MAX_OVERVIEW_CHARS, description="the plot"), PlainText
    ]
    year: int | None = Field(None, ge=MIN_YEAR, le=MAX_YEAR)
    genres: list[Name] = Field(default_factory=list, max_length=MAX_NAMES)
    keywords: list[Name] = Field(default_factory=list, max_length=MAX_NAMES)
    tagline: Annotated[str, Field(max_length=2 * MAX_TITLE_CHARS), PlainText] = ""
    runtime: int | None = Field(None, ge=1, le=1000, description="minutes")
    vote_average: float | None = Field(None, ge=0, le=10)
    vote_count: int | None = Field(None, ge=0, le=10**9)
    popularity: float | None = Field(None, ge=0, le=10**9)
    director: list[Name] = Field(default_factory=list, max_length=MAX_NAMES)
    cast: list[Name] = Field(default_factory=list, max_length=MAX_NAMES)
    language: str = Field(
        "", max_length=30, description="original language: an ISO 639-1 code or a name ('ko', 'Korean')"
    )


class MovieAdded(BaseModel):
    created: bool = Field(description="false when a film with this id was updated")
    movie: MovieOut


class TitleHit(BaseModel):
    movie_id: str
    title: str
    year: int | None


class FeedbackIn(BaseModel):
    session_id: SessionId
    movie_id: str = Field(min_length=1, max_length=128)
    value: Literal[1, -1, 0] = Field(description="1 like, -1 dislike (never shown again), 0 clear")


class FeedbackOut(BaseModel):
    status: Literal["ok"] = "ok"
    session_id: str
    movie_id: str
    value: int


class UnmatchedOut(BaseModel):
    line: int
    title: str
    reason: str


class ImportOut(BaseModel):
    user_id: str
    matched: int
    unmatched: int
    rated: int
    liked: int
    rows: int
    format: str
    added: int
    updated: int
    unchanged: int
    unmatched_rows: list[UnmatchedOut]


class ProfileOut(BaseModel):
    user_id: str
    films: int
    rated: int
    liked: int
    disliked: int
    top_liked: list[TitleHit]


class ProfileDeleted(BaseModel):
    user_id: str
    films: int
    sessions: int
    log_lines: int


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    movies: int
    backend: str


@contextmanager
def caller_errors() -> Iterator[None]:
    """Errors the caller can fix become a 400 with the library's own message (which names the fix)."""
    try:
        yield
    except NotIngestedError:
        raise  # the server's state, not the input: 503 by the handler below
    except CALLER_ERRORS as e:
        raise HTTPException(400, str(e)) from e


def _readable(exc: RequestValidationError) -> JSONResponse:
    """422 with one sentence naming each bad field, instead of a bare list of error objects."""
    errors = [
        {"field": ".".join(str(p) for p in e.get("loc", ())[1:]) or "body", "message": str(e.get("msg", ""))}
        for e in exc.errors()
    ]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "invalid request"
    return JSONResponse(status_code=422, content=jsonable_encoder({"detail": detail, "errors": errors}))


def build_api(assistant: MovieAssistant, interactions: InteractionLog, api_token: str | None) -> FastAPI:
    app = FastAPI(
        title="reelchat",
        description="A private, local movie-recommendation assistant. The chat UI is at /.",
        version="0.1.0",
    )
    slots = threading.BoundedSemaphore(WORK_SLOTS)

    def require_token(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)]) -> None:
        if api_token is None:
            return
        given = creds.credentials if creds is not None else ""
        if not hmac.compare_digest(given.encode(), api_token.encode()):
            raise HTTPException(
                401,
                "This server needs an API token for writes: "
                "send the header `Authorization: Bearer <REELCHAT_API_TOKEN>`",
                headers={"WWW-Authenticate": "Bearer"},
            )

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _readable(exc)

    @app.exception_handler(NotIngestedError)
    async def on_not_ingested(request: Request, exc: NotIngestedError) -> JSONResponse:
        return JSONResponse(status_code=503, content={"detail": str(exc)})

    @app.exception_handler(Exception)
    async def on_bug(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error in %s %s", request.method, request.url.path, exc_info=exc)
        return JSONResponse(status_code=500, content={"detail": "Internal error; the server log has details"})

    @app.post("/api/recommend", response_model=RecommendOut, tags=["recommend"])
    def recommend(body: RecommendIn) -> RecommendOut:
        """Films for one request, without prose (fast: no language model). With a session id,
        follow-ups ("something older", "not that one") refer to what that session was shown."""
        with caller_errors(), slots:
            reply = assistant.chat(
                body.request, session_id=body.session_id, k=body.k, explain=False, user_id=body.user_id
            )
        recs = reply.recommendations
        interactions.request(body.session_id, body.request, [r.movie_id for r in recs], "api")
        return RecommendOut(
            recommendations=[RecommendationOut.of(r) for r in recs],
            notices=reply.notices,
            timings_ms=reply.timings_ms,
        )

    @app.post("/api/chat", response_model=ChatOut, tags=["recommend"])
    def chat(body: ChatIn) -> ChatOut:
        """One conversational turn; follow-ups ("why the second one?") refer to this session."""
        with caller_errors(), slots:
            reply = assistant.chat(body.message, session_id=body.session_id, k=body.k, user_id=body.user_id)
        shown = [r.movie_id for r in reply.recommendations]
        interactions.request(body.session_id, body.message, shown, "api")
        return ChatOut(
            text=reply.text,
            recommendations=[RecommendationOut.of(r) for r in reply.recommendations],
            backend=reply.backend,
            notices=reply.notices,
            timings_ms=reply.timings_ms,
        )

    @app.get("/api/movies/search", response_model=list[TitleHit], tags=["movies"])
    def search(
        q: Annotated[str, Query(min_length=1, max_length=MAX_TITLE_CHARS, description="part of a title")],
        limit: Annotated[int, Query(ge=1, le=50)] = 10,
    ) -> list[TitleHit]:
        """Title autocomplete: prefix matches first, then substrings; most-voted first."""
        hits = assistant.search_titles(q, limit)
        return [TitleHit(movie_id=m.id, title=m.title, year=m.year) for m in hits]

    @app.get("/api/movies/{movie_id}", response_model=MovieOut, tags=["movies"])
    def movie(movie_id: Annotated[str, Path(max_length=128)]) -> MovieOut:
        found = assistant.movie(movie_id)
        if found is None:
            raise HTTPException(
                404, f"No film with id {movie_id!r}; find ids with GET /api/movies/search?q=<title>"
            )
        return MovieOut.of(found)

    @app.post(
        "/api/movies", response_model=MovieAdded, tags=["movies"], dependencies=[Depends(require_token)]
    )
    def add_movie(body: MovieIn) -> MovieAdded:
        """Add a film, or update the one with the same id: searchable and recommendable at once."""
        record: dict[str, Any] = body.model_dump(exclude_none=True)
        with caller_errors():
            added, created = assistant.upsert_movie(record)
        return MovieAdded(created=created, movie=MovieOut.of(added))

    @app.post(
        "/api/feedback", response_model=FeedbackOut, tags=["recommend"], dependencies=[Depends(require_token)]
    )
    def feedback(body: FeedbackIn) -> FeedbackOut:
        """👍 / 👎 on a film for one session; a disliked film never comes back in that session."""
        if assistant.movie(body.movie_id) is None:
            raise HTTPException(404, f"No film with id {body.movie_id!r} in the catalogue")
        with caller_errors():
            assistant.feedback(body.session_id, body.movie_id, body.value)
        interactions.feedback(body.session_id, body.movie_id, body.value, "api")
        return FeedbackOut(session_id=body.session_id, movie_id=body.movie_id, value=body.value)

    @app.post(
        "/api/users/{user_id}/ratings",
        response_model=ImportOut,
        tags=["profiles"],
        dependencies=[Depends(require_token)],
    )
    def import_ratings(
        user_id: UserPath,
        file: Annotated[UploadFile, File(description="Letterboxd, IMDb or MovieLens ratings CSV")],
        format: Annotated[Literal["letterboxd", "imdb", "movielens"] | None, Query()] = None,
    ) -> ImportOut:
        """Import a ratings export into this person's profile; every row not matched is listed."""
        import tempfile
        from pathlib import Path as FilePath

        from assistant.ratings_import import MAX_IMPORT_BYTES

        data = file.file.read(MAX_IMPORT_BYTES + 1)
        if len(data) > MAX_IMPORT_BYTES:
            raise HTTPException(413, f"The file is over {MAX_IMPORT_BYTES // 2**20} MB")
        with tempfile.TemporaryDirectory() as tmp, caller_errors(), slots:
            path = FilePath(tmp) / "ratings.csv"
            path.write_bytes(data)
            report = assistant.import_ratings(path, user_id, format)
        return ImportOut(user_id=user_id, **report.as_json())

    @app.get(
        "/api/users/{user_id}",
        response_model=ProfileOut,
        tags=["profiles"],
        dependencies=[Depends(require_token)],
    )
    def profile(user_id: UserPath) -> ProfileOut:
        """What this machine keeps about a person: counts and their most loved films."""
        found = assistant.profile(user_id)
        if found.is_empty():
            raise HTTPException(
                404, f"No profile for {user_id!r}; import one with POST /api/users/{user_id}/ratings"
            )
        loved = [m for f in found.liked[:10] if (m := assistant.movie(f.movie_id)) is not None]
        return ProfileOut(
            user_id=user_id,
            **found.summary(),
            top_liked=[TitleHit(movie_id=m.id, title=m.title, year=m.year) for m in loved],
        )

    @app.delete(
        "/api/users/{user_id}",
        response_model=ProfileDeleted,
        tags=["profiles"],
        dependencies=[Depends(require_token)],
    )
    def delete_profile(user_id: UserPath) -> ProfileDeleted:
        """Forget a person: their films, their sessions and their lines in the interaction log."""
        with caller_errors():
            removed = assistant.delete_profile(user_id)
        return ProfileDeleted(user_id=user_id, **removed)

    @app.get("/health", response_model=Health, tags=["status"])
    def health() -> Health:
        return Health(movies=assistant.catalogue_size(), backend=assistant.backend.name)

    return app
