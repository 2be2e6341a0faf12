// npm run seed:demo: a realistic demo edition in Italian (a Climathon of the schools of Trentino), built through the
// domain services (validation, hashing, access rules and outbox events are the real ones). Idempotent: everything is
// looked up (users by email, organizations by name and kind, the challenge by title and organizer, teams by name,
// memberships and ideas by team) before it is created, so a second run changes nothing.
// Applies pending migrations first, like the API at boot (DB_MIGRATE_ON_BOOT).
import 'reflect-metadata';
import { pathToFileURL } from 'node:url';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ChallengeFormat, ChallengeStatus, ScoreNormalization, Challenge } from '#domain/challenges/challenge.entity.js';
import { ChallengesService } from '#domain/challenges/challenges.service.js';
import { Theme } from '#domain/challenges/theme.entity.js';
import { DomainModule } from '#domain/domain.module.js';
import { Idea, IdeaStatus } from '#domain/ideas/idea.entity.js';
import { IdeasService } from '#domain/ideas/ideas.service.js';
import { IdentityService } from '#domain/identity/identity.service.js';
import { JudgingService } from '#domain/judging/judging.service.js';
import { Juror } from '#domain/judging/juror.entity.js';
import { OrganizationMember, OrganizationRole } from '#domain/organizations/organization-member.entity.js';
import { Organization, OrganizationKind } from '#domain/organizations/organization.entity.js';
import { OrganizationInvitation, OrganizationInvitationStatus } from '#domain/organizations/organization-invitation.entity.js';
import { OrganizationInvitationsService } from '#domain/organizations/organization-invitations.service.js';
import { OrganizationsService } from '#domain/organizations/organizations.service.js';
import { TeamMember } from '#domain/teams/team-member.entity.js';
import { Team } from '#domain/teams/team.entity.js';
import { TeamsService } from '#domain/teams/teams.service.js';
import type { Viewer } from '#domain/viewer.js';
import { Clock } from '#platform/clock/clock.js';
import { ConfigError } from '#platform/config/app-config.js';
import { ConfigModule } from '#platform/config/config.module.js';
import { DatabaseModule } from '#platform/database/database.module.js';
import { seedPastEdition } from './seed-demo-past-edition.js';

/** Every demo account shares this password (at least 10 characters, PRODUCT.md). */
export const DEMO_PASSWORD = 'climathon-demo-2026';
/** `.test` is a reserved top-level domain: demo emails can never reach a real mailbox. */
const DOMAIN = 'climathon.test';
const DAY = 24 * 3600_000;

// ------------------------------------------------------------------------------------------------ the demo data

interface Person {
  email: string;
  name: string;
}
const person = (local: string, name: string): Person => ({ email: `${local}@${DOMAIN}`, name });

const ADMIN = person('admin', 'Amministrazione Piattaforma');
const ORGANIZER = person('laura.bertoldi', 'Laura Bertoldi');
const ORGANIZER_2 = person('davide.pojer', 'Davide Pojer');
const JURORS = [person('francesca.gretter', 'Francesca Gretter'), person('paolo.dalpiaz', 'Paolo Dalpiaz')];
const SPONSORS = [person('marco.zanon', 'Marco Zanon'), person('giulia.sartori', 'Giulia Sartori')];

const PROMOTER = { name: 'Camera di Commercio di Trento', kind: OrganizationKind.PROMOTER, city: 'Trento', district: 'Trento', sector: 'Ente pubblico economico' };
const COMPANY = { name: 'Acquedotti Dolomiti S.p.A.', kind: OrganizationKind.COMPANY, city: 'Trento', district: 'Trento', sector: 'Servizi idrici ed energia' };
const LAB = { name: 'Centro Ricerche Ambiente Alpino', kind: OrganizationKind.RESEARCH_LAB, city: "San Michele all'Adige", district: 'Trento', sector: 'Ricerca ambientale' };

interface SchoolData {
  name: string;
  city: string;
  district: 'Trento' | 'Rovereto';
  teacher: Person;
}
const SCHOOLS: SchoolData[] = [
  { name: 'Liceo Scientifico Galileo Galilei', city: 'Trento', district: 'Trento', teacher: person('chiara.pedrotti', 'Prof.ssa Chiara Pedrotti') },
  { name: 'ITT Michelangelo Buonarroti', city: 'Trento', district: 'Trento', teacher: person('andrea.moser', 'Prof. Andrea Moser') },
  { name: 'Istituto Marie Curie', city: 'Pergine Valsugana', district: 'Trento', teacher: person('elena.tomasi', 'Prof.ssa Elena Tomasi') },
  { name: 'Liceo Antonio Rosmini', city: 'Rovereto', district: 'Rovereto', teacher: person('stefano.gerola', 'Prof. Stefano Gerola') },
  { name: 'ITET Felice e Gregorio Fontana', city: 'Rovereto', district: 'Rovereto', teacher: person('silvia.baldessari', 'Prof.ssa Silvia Baldessari') },
  { name: 'Istituto Don Lorenzo Milani', city: 'Rovereto', district: 'Rovereto', teacher: person('luca.marchi', 'Prof. Luca Marchi') },
];

const THEMES = [
  { name: 'Acqua', description: "Risparmio idrico, qualità di fiumi e laghi, recupero dell'acqua piovana a scuola e in città." },
  { name: 'Spreco alimentare', description: 'Mense scolastiche, filiera corta, recupero delle eccedenze ed educazione a un consumo consapevole.' },
  { name: 'Mobilità', description: 'Spostamenti casa-scuola sostenibili: bicicletta, trasporto pubblico, car pooling e pedibus.' },
] as const;
type ThemeName = (typeof THEMES)[number]['name'];

const CRITERIA = [
  { name: 'Impatto ambientale', description: "Quanta CO2, acqua o cibo si risparmia se l'idea funziona.", weight: 3, maxScore: 10 },
  { name: 'Fattibilità', description: 'Si può realizzare con le risorse della scuola e del territorio entro un anno?', weight: 2, maxScore: 10 },
  { name: 'Originalità', description: 'Quanto è nuova la soluzione rispetto a ciò che già esiste.', weight: 1, maxScore: 10 },
];

interface TeamData {
  school: number;
  name: string;
  className: string;
  students: number;
  idea: { theme: ThemeName; title: string; summary: string; problem: string; solution: string; impact: string; tags: string[]; submit: boolean };
}
const TEAMS: TeamData[] = [
  {
    school: 0,
    name: "Le Sentinelle dell'Adige",
    className: '4A scientifico',
    students: 4,
    idea: {
      theme: 'Acqua',
      title: "Sensori low-cost per la qualità dell'Adige",
      submit: true,
      summary: "Una rete di sensori costruiti in classe misura torbidità e temperatura dell'Adige e pubblica i dati in una mappa aperta.",
      problem: "I dati sulla qualità dell'acqua sono raccolti raramente e pochi cittadini sanno come sta il fiume che attraversa la città.",
      solution: 'Costruiamo con Arduino cinque centraline galleggianti, le installiamo con i pescatori sportivi e pubblichiamo le misure ogni ora su un sito della scuola.',
      impact: 'Allarmi precoci in caso di scarichi anomali e una comunità più attenta alla salute del fiume.',
      tags: ['sensori', 'fiume', 'open data'],
    },
  },
  {
    school: 0,
    name: 'Zero Avanzi',
    className: '3B scientifico',
    students: 3,
    idea: {
      theme: 'Spreco alimentare',
      title: 'La app della mensa che prenota solo ciò che mangi',
      submit: true,
      summary: 'Gli studenti scelgono il menù il giorno prima: la cucina prepara le porzioni giuste e dona le eccedenze.',
      problem: 'Nella mensa del nostro liceo finisce nel bidone circa un pasto su cinque.',
      solution: 'Una web app collegata al registro elettronico raccoglie le prenotazioni entro le 18 e stima le porzioni; ciò che avanza va al Banco Alimentare.',
      impact: 'Stimiamo 2 tonnellate di cibo salvato ogni anno scolastico.',
      tags: ['mensa', 'app', 'eccedenze'],
    },
  },
  {
    school: 1,
    name: 'Bit Verdi',
    className: '4B informatica',
    students: 5,
    idea: {
      theme: 'Acqua',
      title: 'Rubinetti intelligenti per i bagni della scuola',
      submit: true,
      summary: "Riduttori di flusso e sensori di perdita segnalano gli sprechi d'acqua al custode in tempo reale.",
      problem: "Rubinetti gocciolanti e cassette che perdono sprecano migliaia di litri d'acqua potabile ogni mese.",
      solution: 'Installiamo riduttori di flusso e sensori di umidità collegati via LoRa a un pannello di controllo sviluppato dalla classe.',
      impact: "Fino al 30% di acqua in meno nei servizi igienici dell'istituto.",
      tags: ['iot', 'risparmio idrico'],
    },
  },
  {
    school: 1,
    name: 'Pedala Trento',
    className: '5A elettronica',
    students: 4,
    idea: {
      theme: 'Mobilità',
      title: 'Bike to school con punti premio',
      submit: true,
      summary: 'Un conta-bici alla rastrelliera assegna punti a chi arriva in bicicletta, spendibili nei negozi del quartiere.',
      problem: 'La maggior parte degli studenti arriva a scuola in auto anche quando abita a meno di tre chilometri.',
      solution: 'Un lettore NFC sulla rastrelliera registra gli arrivi in bici; i commercianti della zona offrono sconti in cambio dei punti.',
      impact: "Meno traffico davanti alla scuola e circa 15 tonnellate di CO2 evitate all'anno.",
      tags: ['bicicletta', 'incentivi', 'nfc'],
    },
  },
  {
    school: 2,
    name: 'Orti di Classe',
    className: '3C agraria',
    students: 3,
    idea: {
      theme: 'Spreco alimentare',
      title: "Dal compost della mensa all'orto della scuola",
      submit: false,
      summary: 'Gli scarti della mensa diventano compost per un orto didattico che rifornisce la mensa stessa.',
      problem: 'Gli scarti organici della mensa vengono smaltiti come rifiuto indifferenziato.',
      solution: 'Una compostiera elettromeccanica e un orto di 200 metri quadri curato a turno dalle classi.',
      impact: 'Chiudere il cerchio: meno rifiuti e verdura a chilometro zero.',
      tags: ['compost', 'orto'],
    },
  },
  {
    school: 3,
    name: 'Goccia dopo Goccia',
    className: '4D scienze applicate',
    students: 5,
    idea: {
      theme: 'Acqua',
      title: "Recupero dell'acqua piovana per il giardino della scuola",
      submit: true,
      summary: 'Cisterne collegate alle grondaie raccolgono la pioggia per irrigare il giardino e pulire i cortili.',
      problem: "Il giardino e i campi sportivi vengono irrigati con acqua potabile anche d'estate.",
      solution: 'Progettiamo con il Comune un sistema di cisterne da 10.000 litri con pompa solare e un contatore che mostra i litri risparmiati.',
      impact: 'Circa 150.000 litri di acqua potabile risparmiati ogni anno.',
      tags: ['pioggia', 'irrigazione', 'solare'],
    },
  },
  {
    school: 3,
    name: 'Mensa Zero Sprechi',
    className: '3A classico',
    students: 4,
    idea: {
      theme: 'Spreco alimentare',
      title: 'Il frigo solidale del quartiere',
      submit: true,
      summary: 'Un frigorifero condiviso davanti alla scuola dove negozi e famiglie lasciano il cibo in scadenza.',
      problem: 'Supermercati e famiglie buttano cibo ancora buono mentre alcune famiglie del quartiere fanno fatica.',
      solution: 'Con una cooperativa sociale gestiamo un frigo solidale con regole igieniche chiare e turni di controllo degli studenti.',
      impact: 'Cibo recuperato e una rete di solidarietà tra scuola e quartiere.',
      tags: ['solidarietà', 'quartiere'],
    },
  },
  {
    school: 4,
    name: 'Bus Smart Rovereto',
    className: '5B turismo',
    students: 3,
    idea: {
      theme: 'Mobilità',
      title: 'Orari degli autobus su misura per gli studenti',
      submit: true,
      summary: "Un sondaggio e i dati delle timbrature aiutano l'azienda dei trasporti a ridisegnare le corse scolastiche.",
      problem: "Molti autobus arrivano troppo presto o troppo tardi rispetto all'orario delle lezioni, e gli studenti scelgono l'auto.",
      solution: "Raccogliamo le esigenze di 2.000 studenti e proponiamo all'azienda dei trasporti tre corse ridisegnate con un simulatore.",
      impact: 'Più studenti sui mezzi pubblici e meno auto in centro nelle ore di punta.',
      tags: ['autobus', 'dati', 'trasporto pubblico'],
    },
  },
  {
    school: 5,
    name: 'Acqua Bene Comune',
    className: '4A liceo linguistico',
    students: 5,
    idea: {
      theme: 'Acqua',
      title: 'Borracce e fontanelle in ogni piano',
      submit: true,
      summary: 'Fontanelle di acqua filtrata su ogni piano e una borraccia per ogni studente per eliminare le bottiglie di plastica.',
      problem: 'Ogni giorno la scuola consuma centinaia di bottiglie di plastica monouso.',
      solution: 'Installiamo quattro erogatori di acqua di rete filtrata e distribuiamo borracce disegnate dagli studenti.',
      impact: "Oltre 60.000 bottiglie di plastica in meno all'anno.",
      tags: ['plastica', 'borracce'],
    },
  },
  {
    school: 5,
    name: 'Bici Bus',
    className: '2B',
    students: 4,
    idea: {
      theme: 'Mobilità',
      title: 'Il bicibus della Vallagarina',
      submit: false,
      summary: 'Percorsi in bicicletta accompagnati da genitori volontari che raccolgono gli studenti lungo la ciclabile.',
      problem: 'I genitori non lasciano andare i ragazzi in bici da soli perché temono il traffico.',
      solution: 'Tre linee di bicibus con fermate e orari fissi, segnaletica dedicata e giubbotti ad alta visibilità.',
      impact: 'Più autonomia per i ragazzi e meno auto davanti alla scuola.',
      tags: ['bicibus', 'ciclabile'],
    },
  },
];

const FIRST_NAMES = [
  'Giulia',
  'Matteo',
  'Sofia',
  'Lorenzo',
  'Aurora',
  'Leonardo',
  'Alice',
  'Francesco',
  'Ginevra',
  'Tommaso',
  'Emma',
  'Riccardo',
  'Giorgia',
  'Edoardo',
  'Beatrice',
  'Gabriele',
  'Anna',
  'Alessandro',
  'Chiara',
  'Davide',
  'Martina',
  'Filippo',
  'Elisa',
  'Nicola',
  'Vittoria',
  'Pietro',
  'Noemi',
  'Samuele',
  'Irene',
  'Michele',
  'Greta',
  'Jacopo',
  'Marta',
  'Simone',
  'Sara',
  'Federico',
  'Camilla',
  'Elia',
  'Bianca',
  'Mattia',
  'Rebecca',
  'Emanuele',
  'Ludovica',
  'Cristian',
  'Viola',
  'Giacomo',
];
const SURNAMES = [
  'Rossi',
  'Dallapiccola',
  'Fontana',
  'Bonomi',
  'Ferrari',
  'Giovannini',
  'Zanella',
  'Pisoni',
  'Cristofori',
  'Frizzera',
  'Bazzanella',
  'Leonardi',
  'Tamanini',
  'Girardi',
  'Conci',
  'Broll',
  'Pedrini',
  'Valentini',
  'Eccher',
  'Oss',
];

const asciiLocal = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.');

// ------------------------------------------------------------------------------------------------ the seeding

export interface SeedSummary {
  challengeId: string;
  challengeSlug: string;
  logins: { role: string; email: string }[];
  created: number;
}

/** The Nest context of the seed: configuration, database (migrating at boot) and the domain services. */
@Module({ imports: [ConfigModule, DatabaseModule.forRoot({ migrate: true }), DomainModule] })
class SeedModule {}

class DemoSeeder {
  private readonly dataSource: DataSource;
  private readonly identity: IdentityService;
  private readonly organizations: OrganizationsService;
  private readonly invitations: OrganizationInvitationsService;
  private readonly challenges: ChallengesService;
  private readonly teams: TeamsService;
  private readonly ideas: IdeasService;
  private readonly judging: JudgingService;
  private readonly now: Date;
  /** How many objects this run created (0 on a second run). */
  created = 0;

  constructor(private readonly app: INestApplicationContext) {
    this.dataSource = app.get<DataSource>(getDataSourceToken());
    this.identity = app.get(IdentityService);
    this.organizations = app.get(OrganizationsService);
    this.invitations = app.get(OrganizationInvitationsService);
    this.challenges = app.get(ChallengesService);
    this.teams = app.get(TeamsService);
    this.ideas = app.get(IdeasService);
    this.judging = app.get(JudgingService);
    this.now = app.get(Clock).now();
  }

  async run(): Promise<SeedSummary> {
    await this.admin(ADMIN);
    const organizer = await this.user(ORGANIZER);
    const organizer2 = await this.user(ORGANIZER_2);
    const jurors = await Promise.all(JURORS.map((p) => this.user(p)));
    const sponsors = await Promise.all(SPONSORS.map((p) => this.user(p)));

    const promoterId = await this.organization(organizer, PROMOTER);
    await this.member(organizer, promoterId, organizer2);
    const companyId = await this.organization(sponsors[0], COMPANY);
    await this.member(sponsors[0], companyId, sponsors[1]);
    const labId = await this.organization(jurors[0], LAB);
    await this.member(jurors[0], labId, jurors[1]);

    const schools: { id: string; teacher: Viewer }[] = [];
    for (const school of SCHOOLS) {
      const teacher = await this.user(school.teacher);
      schools.push({ id: await this.organization(teacher, { name: school.name, kind: OrganizationKind.SCHOOL, city: school.city, district: school.district }), teacher });
    }

    const challenge = await this.challenge(organizer, promoterId);
    for (const [i, juror] of jurors.entries()) await this.juror(organizer, challenge.id, juror, JURORS[i].email, labId);
    const themes = await this.dataSource.getRepository(Theme).findBy({ challengeId: challenge.id });
    const themeId = (name: ThemeName) => themes.find((t) => t.name === name)!.id;

    let studentIndex = 0;
    const firstStudent: string[] = [];
    for (const data of TEAMS) {
      const coach = schools[data.school].teacher;
      const team = await this.team(coach, challenge.id, schools[data.school].id, data);
      const students: Viewer[] = [];
      for (let s = 0; s < data.students; s++, studentIndex++) {
        const first = FIRST_NAMES[studentIndex % FIRST_NAMES.length];
        const last = SURNAMES[(studentIndex * 7) % SURNAMES.length];
        const student = person(asciiLocal(`${first} ${last}`), `${first} ${last}`);
        if (firstStudent.length === 0) firstStudent.push(student.email);
        const viewer = await this.user(student);
        await this.joinTeam(viewer, team);
        students.push(viewer);
      }
      await this.idea(students[0], coach, team.id, { ...data.idea, themeId: themeId(data.idea.theme) });
    }
    // Last year's edition, judged, adopted and closed: what the impact and jury reports show (scripts/seed-demo-past-edition.ts).
    const pastJurors = jurors.map((viewer, i) => ({ viewer, email: JURORS[i].email }));
    this.created += await seedPastEdition(this.app, {
      organizer,
      promoterId,
      schools,
      jurors: pastJurors,
      labId,
      sponsor: sponsors[0],
      companyId,
      password: DEMO_PASSWORD,
      domain: DOMAIN,
    });

    return {
      challengeId: challenge.id,
      challengeSlug: challenge.slug,
      created: this.created,
      logins: [
        { role: 'amministratore della piattaforma', email: ADMIN.email },
        { role: 'organizzatrice (Camera di Commercio)', email: ORGANIZER.email },
        { role: `docente coach (${SCHOOLS[0].name})`, email: SCHOOLS[0].teacher.email },
        { role: `docente coach (${SCHOOLS[3].name})`, email: SCHOOLS[3].teacher.email },
        { role: `studentessa (${TEAMS[0].name})`, email: firstStudent[0] },
        { role: 'giurata (Centro Ricerche Ambiente Alpino)', email: JURORS[0].email },
        { role: 'giurato', email: JURORS[1].email },
        { role: `impresa madrina (${COMPANY.name})`, email: SPONSORS[0].email },
      ],
    };
  }

  /** The user of this email, signed up through IdentityService when missing. */
  private async user(p: Person): Promise<Viewer> {
    const existing = await this.identity.findByEmail(p.email);
    if (existing) return { userId: existing.id, isAdmin: existing.isAdmin };
    const { user } = await this.identity.signUp({ email: p.email, password: DEMO_PASSWORD, displayName: p.name, locale: 'it' }, { verified: true });
    this.created++;
    return { userId: user.id, isAdmin: user.isAdmin };
  }

  /** The platform admin (created once; an existing account is left as it is). */
  private async admin(p: Person): Promise<Viewer> {
    const existing = await this.identity.findByEmail(p.email);
    if (existing?.isAdmin) return { userId: existing.id, isAdmin: true };
    const user = await this.identity.createAdmin(p.email, DEMO_PASSWORD);
    this.created++;
    return { userId: user.id, isAdmin: true };
  }

  /** The organization of this name and kind whose owner is `owner`, created by them when missing. */
  private async organization(owner: Viewer, data: { name: string; kind: OrganizationKind; city: string; district: string; sector?: string }): Promise<string> {
    const existing = await this.dataSource
      .getRepository(Organization)
      .createQueryBuilder('o')
      .innerJoin(OrganizationMember, 'om', 'om.organization_id = o.id AND om.user_id = :owner AND om.role = :role', { owner: owner.userId, role: OrganizationRole.OWNER })
      .where('o.name = :name AND o.kind = :kind', { name: data.name, kind: data.kind })
      .getOne();
    if (existing) return existing.id;
    const organization = await this.organizations.create(owner, data);
    this.created++;
    return organization.id;
  }

  /** Membership is by invitation: the owner invites (unless an earlier run did), the member accepts. */
  private async member(owner: Viewer, organizationId: string, member: Viewer): Promise<void> {
    if (await this.dataSource.getRepository(OrganizationMember).existsBy({ organizationId, userId: member.userId! })) return;
    const pending = { organizationId, inviteeId: member.userId!, status: OrganizationInvitationStatus.PENDING };
    if (!(await this.dataSource.getRepository(OrganizationInvitation).existsBy(pending))) {
      const user = (await this.identity.usersByIds([member.userId!]))[0];
      await this.invitations.invite(owner, { organizationId, email: user.email!, role: OrganizationRole.MEMBER });
    }
    await this.invitations.accept(member, organizationId);
    this.created++;
  }

  /** The edition, open for submissions now: opened two weeks ago, closes in three weeks, judging two weeks later. */
  private async challenge(organizer: Viewer, promoterId: string): Promise<Challenge> {
    const title = `Climathon Scuole Trentino ${this.now.getFullYear()}`;
    let challenge = await this.dataSource.getRepository(Challenge).findOneBy({ title, organizerId: promoterId });
    if (!challenge) {
      challenge = await this.challenges.create(organizer, {
        organizerId: promoterId,
        title,
        description:
          'La Camera di Commercio di Trento invita le classi delle scuole superiori dei distretti di Trento e Rovereto a proporre idee ' +
          'concrete per il clima del proprio territorio. Le squadre, guidate dai loro docenti, scelgono uno dei tre temi, presentano ' +
          "un'idea e la difendono davanti a una giuria di esperti. Le idee migliori potranno essere adottate dalle imprese madrine " +
          'e diventare mini-imprese educative.',
        format: ChallengeFormat.SCHOOL_CLIMATHON,
        submissionOpensAt: new Date(this.now.getTime() - 14 * DAY),
        submissionClosesAt: new Date(this.now.getTime() + 21 * DAY),
        judgingClosesAt: new Date(this.now.getTime() + 35 * DAY),
        reviewsPerIdea: JURORS.length,
        maxTeamSize: 8,
        blindJudging: true,
        rankingNormalization: ScoreNormalization.ZSCORE,
        themes: THEMES.map((t) => ({ ...t })),
        criteria: CRITERIA,
      });
      this.created++;
    }
    if (challenge.status === ChallengeStatus.DRAFT) {
      challenge = await this.challenges.publish(organizer, challenge.id);
      this.created++;
    }
    return challenge;
  }

  /** A juror of the challenge, affiliated with the research centre (no school: no conflict of interest with any team). */
  private async juror(organizer: Viewer, challengeId: string, juror: Viewer, email: string, affiliationId: string): Promise<void> {
    if (await this.dataSource.getRepository(Juror).existsBy({ challengeId, userId: juror.userId! })) return;
    await this.judging.addJuror(organizer, { challengeId, email, affiliationId });
    this.created++;
  }

  private async team(coach: Viewer, challengeId: string, schoolId: string, data: TeamData): Promise<Team> {
    const existing = await this.dataSource.getRepository(Team).findOneBy({ challengeId, name: data.name });
    if (existing) return existing;
    const team = await this.teams.create(coach, { challengeId, name: data.name, schoolId, className: data.className });
    this.created++;
    return team;
  }

  private async joinTeam(student: Viewer, team: Team): Promise<void> {
    if (await this.dataSource.getRepository(TeamMember).existsBy({ teamId: team.id, userId: student.userId! })) return;
    await this.teams.join(student, team.joinCode);
    this.created++;
  }

  /** A student writes the idea, the coach submits it (when the demo wants it submitted). */
  private async idea(author: Viewer, coach: Viewer, teamId: string, data: TeamData['idea'] & { themeId: string }): Promise<void> {
    const { submit, theme: _theme, ...content } = data;
    let idea: Pick<Idea, 'id' | 'status'> | null = await this.dataSource.getRepository(Idea).findOneBy({ teamId });
    if (!idea) {
      idea = await this.ideas.save(author, { teamId, ...content });
      this.created++;
    }
    if (submit && idea.status !== IdeaStatus.SUBMITTED) {
      await this.ideas.submit(coach, idea.id);
      this.created++;
    }
  }
}

/** Seeds the demo edition in a running application context (the script, or a test). */
export async function seedDemo(app: INestApplicationContext): Promise<SeedSummary> {
  return new DemoSeeder(app).run();
}

function print(summary: SeedSummary): void {
  const width = Math.max(...summary.logins.map((l) => l.email.length));
  const lines = [
    summary.created === 0 ? 'Edizione demo già presente: nulla da creare.' : `Edizione demo pronta (${summary.created} oggetti creati).`,
    '',
    `Sfida: ${summary.challengeSlug}   (query { challenge(slug: "${summary.challengeSlug}") { title } })`,
    `Password di tutti gli account demo: ${DEMO_PASSWORD}`,
    '',
    'Accessi da provare (mutation signIn):',
    ...summary.logins.map((l) => `  ${l.email.padEnd(width)}  ${l.role}`),
  ];
  console.log(lines.join('\n'));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error'], abortOnError: false });
    try {
      print(await seedDemo(app));
    } finally {
      await app.close();
    }
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : `Seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  }
}
