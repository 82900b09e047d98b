/**
 * Word lists for synthetic names, titles and quotes. Invented, generic, and
 * deliberately unlike any real organization: generated data must never be
 * mistaken for a claim about a real person or group.
 */
export const FIRST_NAMES = [
  'Amira', 'Bahram', 'Celine', 'Darius', 'Elena', 'Farid', 'Goli', 'Hamid', 'Ines', 'Jamal',
  'Kaveh', 'Leila', 'Mehdi', 'Nadia', 'Omid', 'Parisa', 'Qasem', 'Roya', 'Sina', 'Taraneh',
  'Ulrich', 'Vida', 'Walter', 'Ximena', 'Yasmin', 'Zohreh', 'Arash', 'Bita', 'Cyrus', 'Dina',
  'Emil', 'Fariba', 'Giorgio', 'Hana', 'Ivan', 'Jila', 'Karim', 'Laura', 'Majid', 'Nasrin',
  'Oskar', 'Pouya', 'Rahim', 'Shirin', 'Tomas', 'Vahid', 'Wendy', 'Yusuf', 'Zara', 'Anton',
  'Babak', 'Clara', 'Davood', 'Erik', 'Fatemeh', 'Hugo', 'Iris', 'Jonas', 'Katayoun', 'Lucas',
] as const;

export const LAST_NAMES = [
  'Haddad', 'Karimi', 'Lindqvist', 'Moradi', 'Novak', 'Ostrowski', 'Parsa', 'Rahimi', 'Sadeghi', 'Tehrani',
  'Umarov', 'Vance', 'Wright', 'Yazdani', 'Zand', 'Abbasi', 'Bauer', 'Castellano', 'Davies', 'Ebrahimi',
  'Fischer', 'Ghorbani', 'Hosseini', 'Ilyas', 'Jafari', 'Kowalski', 'Larsen', 'Mansouri', 'Nazari', 'Olsen',
  'Petrov', 'Qureshi', 'Rostami', 'Shahidi', 'Taheri', 'Ueda', 'Varga', 'Weber', 'Yilmaz', 'Zamani',
  'Afshar', 'Bakhtiari', 'Cohen', 'Dehghan', 'Esfandiari', 'Farahani', 'Golzar', 'Heidari', 'Irani', 'Javadi',
  'Kazemi', 'Lotfi', 'Mirzaei', 'Nouri', 'Omidvar', 'Pahlavan', 'Rezaei', 'Salehi', 'Tavakoli', 'Vaziri',
  'Wallace', 'Young', 'Zarei', 'Ahmadi', 'Brandt', 'Carvalho', 'Dubois', 'Engel', 'Fontaine', 'Gallo',
] as const;

export const ORG_FORMS = [
  'Council', 'Committee', 'Association', 'Foundation', 'Society', 'Alliance', 'Institute', 'Front',
  'Union', 'League', 'Network', 'Coalition', 'Forum', 'Center', 'Movement', 'Congress',
] as const;

export const ORG_CAUSES = [
  'Democracy', 'Freedom', 'Human Rights', 'Justice', 'Solidarity', 'Liberty', 'Peace', 'Progress',
  'Dialogue', 'Reform', 'Renewal', 'Unity', 'Resistance', 'Security', 'Civil Society', 'Education',
] as const;

export const ORG_QUALIFIERS = [
  'National', 'International', 'American', 'European', 'Global', 'United', 'Free', 'Independent',
  'Democratic', 'Popular', 'Atlantic', 'Northern', 'Southern', 'Eastern', 'Western', 'Central',
] as const;

export const ORG_TYPES = [
  'nonprofit', 'think tank', 'political party', 'lobbying firm', 'publisher', 'company',
  'government agency', 'advocacy group', 'charity', 'media outlet', 'law firm', 'foundation',
] as const;

export const HUB_ORG_TYPES = ['militant group', 'political organization', 'umbrella organization'] as const;

export const CITIES = [
  'Arden', 'Belmont', 'Corvale', 'Dunmore', 'Eastford', 'Falkirk', 'Glenrock', 'Harwich', 'Ivybridge', 'Jarrow',
  'Kelso', 'Lindale', 'Marston', 'Norcross', 'Oakham', 'Penrith', 'Quarry Bay', 'Redhill', 'Selby', 'Thornbury',
  'Upton', 'Valemont', 'Westbury', 'Yarmouth', 'Zeeland', 'Ashgrove', 'Brookfield', 'Clearwater', 'Dovercourt', 'Elmstead',
] as const;

export const COUNTRIES = ['US', 'GB', 'FR', 'DE', 'IQ', 'IR', 'AL', 'CA', 'SE', 'NL', 'BE', 'IT', 'ES', 'CH', 'AU'] as const;

export const PLACE_TYPES = ['city', 'building', 'compound', 'camp', 'region', 'office'] as const;

export const EVENT_FORMS = ['Summit', 'Conference', 'Rally', 'Hearing', 'Gala', 'Convention', 'Protest', 'Congress', 'Symposium'] as const;

export const CONCEPT_WORDS = [
  'Collective Leadership', 'Ideological Revolution', 'Regime Change', 'Rebranding', 'Public Diplomacy',
  'Strategic Messaging', 'Grassroots Outreach', 'Self-Criticism Sessions', 'Armed Struggle', 'Exile Politics',
  'Information Operations', 'Donor Networks', 'Advocacy Campaigns', 'Lobbying Practice', 'Front Organization Model',
] as const;

export const CONCEPT_CATEGORIES = ['ideology', 'programme', 'practice', 'strategy'] as const;

export const PUBLISHERS = [
  'The Daily Ledger', 'Harbor Press', 'Meridian Review', 'North Star Media', 'The Civic Observer',
  'Bluewater Books', 'Policy Quarterly', 'The Evening Courier', 'Open Record Institute', 'Summit Publishing',
] as const;

export const TITLE_TOPICS = [
  'Influence Networks', 'Front Groups', 'Lobbying Disclosures', 'Exile Politics', 'Funding Flows',
  'Speaking Fees', 'Political Advocacy', 'Congressional Hearings', 'Transnational Activism', 'Nonprofit Filings',
] as const;

export const CURRENCIES = ['USD', 'USD', 'USD', 'USD', 'EUR', 'EUR', 'GBP'] as const;

export const PURPOSES = [
  'speaking fees', 'event sponsorship', 'lobbying services', 'general support', 'media campaign',
  'travel and lodging', 'consulting', 'conference costs', 'research grant', 'legal services',
] as const;

export const MEMBER_ROLES = ['member', 'former member', 'senior member', 'board member', 'supporter', 'volunteer'] as const;
export const LEAD_ROLES = ['president', 'chair', 'secretary-general', 'director', 'spokesperson', 'co-founder'] as const;
export const JOB_ROLES = ['consultant', 'adviser', 'analyst', 'lobbyist', 'staff writer', 'counsel', 'fundraiser'] as const;
export const PART_ROLES = ['front group', 'front group', 'affiliate', 'branch', 'political arm', 'subsidiary'] as const;
export const FAMILY_ROLES = ['spouse', 'sibling', 'parent', 'child', 'cousin'] as const;
