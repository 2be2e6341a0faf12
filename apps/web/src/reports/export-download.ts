import { useMutation } from 'urql';
import { graphql } from '../gql';

const CreateExportLinkMutation = graphql(`
  mutation CreateExportLink($path: String!) {
    createExportLink(path: $path) {
      url
      expiresAt
    }
  }
`);

/**
 * Downloads an export (README "Exports") as a plain link would: the API signs a link valid 10 minutes (the access token
 * never goes into a URL), then the browser opens it and saves the file the API names.
 */
export function useExportDownload() {
  const [state, createLink] = useMutation(CreateExportLinkMutation);
  const download = async (path: string): Promise<void> => {
    const result = await createLink({ path });
    const url = result.data?.createExportLink.url;
    if (!url) return;
    const link = document.createElement('a');
    link.href = url;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  };
  return [state, download] as const;
}
